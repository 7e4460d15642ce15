using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Orchestrated.Workflows.Definitions;

namespace Orchestrated.Workflows.Tests.Definitions;

/// <summary>
/// The JSON Schema stays generic about steps (a new step is one file, not a schema edit), so it is checked against the
/// catalog: every step, with every param set to its default in its JSON type, passes the schema and the loader.
/// </summary>
public class SchemaAndCatalogTests
{
    private static readonly string ShippedPath = Path.Combine(AppContext.BaseDirectory, "workflows", "session_duration.json");

    private static JsonNode Typed(ParamSpec p) => p.Kind switch
    {
        ParamKind.Boolean => JsonValue.Create(bool.Parse(p.Default!)),
        ParamKind.Integer => JsonValue.Create(long.Parse(p.Default!)),
        _ => JsonValue.Create(p.Default!),
    };

    [Fact]
    public void Every_step_of_the_catalog_with_every_param_at_its_default_passes_the_schema_and_the_loader()
    {
        foreach (var step in Standard.Catalog.Steps)
        {
            var dag = JsonNode.Parse(File.ReadAllText(ShippedPath))!.AsObject();
            var parameters = new JsonObject();
            foreach (var p in step.Params) parameters[p.Name] = Typed(p);
            // The step alone in a DAG: what it reads comes from outside, so nothing else is needed for it to be valid.
            dag["tasks"] = new JsonArray(new JsonObject { ["id"] = "extra", ["step"] = step.Name, ["params"] = parameters });
            using var document = JsonDocument.Parse(dag.ToJsonString());
            Assert.Empty(DagSchema.Check(document.RootElement));
            var loaded = Standard.Loader.Parse(dag.ToJsonString(), "extra.json");
            Assert.Equal(step.Params.Select(p => p.Default), step.Params.Select(p => loaded.Task("extra").Params[p.Name]));
        }
    }

    [Fact]
    public void Every_param_has_a_default_and_a_description()
    {
        foreach (var p in Standard.Catalog.Steps.SelectMany(s => s.Params))
        {
            Assert.False(string.IsNullOrEmpty(p.Default), p.Name);
            Assert.False(string.IsNullOrEmpty(p.Description), p.Name);
        }
    }

    [Fact]
    public void The_step_types_the_schema_names_as_examples_are_all_in_the_catalog()
    {
        var description =
            JsonNode.Parse(DagSchema.Text)!["properties"]!["tasks"]!["items"]!["properties"]!["step"]!["description"]!.GetValue<string>();
        var named = Regex.Match(description, "such as (.+)\\.$").Groups[1].Value.Split([", ", " or "], StringSplitOptions.None);
        Assert.NotEmpty(named);
        Assert.All(named, n => Assert.NotNull(Standard.Catalog.Find(n)));
    }
}
