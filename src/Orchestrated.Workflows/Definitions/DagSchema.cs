using System.Text.Json;
using Json.Schema;

namespace Orchestrated.Workflows.Definitions;

/// <summary>The structural rules of a DAG file (workflows/dag.schema.json), evaluated with JsonSchema.Net.</summary>
public static class DagSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        using var stream = typeof(DagSchema).Assembly.GetManifestResourceStream("dag.schema.json")
            ?? throw new InvalidOperationException("The DAG schema is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        // A private registry: the schema's $id must not collide with anything else built in the process.
        return JsonSchema.FromText(reader.ReadToEnd(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    });

    public static string Text
    {
        get
        {
            using var stream = typeof(DagSchema).Assembly.GetManifestResourceStream("dag.schema.json")!;
            return new StreamReader(stream).ReadToEnd();
        }
    }

    /// <summary>Every schema violation, as (JSON path, message), most specific first.</summary>
    public static IReadOnlyList<(string Path, string Message)> Check(JsonElement document)
    {
        var results = Schema.Value.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return [];
        var errors = new List<(string, string)>();
        foreach (var detail in results.Details ?? [])
        {
            if (detail.Errors is null) continue;
            foreach (var (_, message) in detail.Errors)
                errors.Add((JsonPath.FromPointer(detail.InstanceLocation.ToString()), message));
        }
        // "$ref" and "properties" wrappers repeat their children's errors in more general words: keep distinct ones.
        return errors.Distinct().OrderByDescending(e => e.Item1.Length).ToList();
    }
}
