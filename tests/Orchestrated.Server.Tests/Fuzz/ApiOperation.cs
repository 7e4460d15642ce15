using System.Text.Json;

namespace Orchestrated.Server.Tests.Fuzz;

/// <summary>One operation of the published OpenAPI document: method, path template, parameters and body properties.</summary>
public sealed record ApiOperation(string Method, string Path, string OperationId,
    IReadOnlyList<(string Name, string In, string Type)> Parameters, IReadOnlyList<(string Name, string Type)> BodyProperties, bool HasBody)
{
    public static IReadOnlyList<ApiOperation> From(JsonElement document)
    {
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var list = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        foreach (var op in path.Value.EnumerateObject())
        {
            var parameters = op.Value.TryGetProperty("parameters", out var ps)
                ? ps.EnumerateArray()
                    .Select(p => (p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!, TypeOf(p.GetProperty("schema"))))
                    .ToList()
                : [];
            var properties = new List<(string, string)>();
            var hasBody = op.Value.TryGetProperty("requestBody", out var body);
            if (hasBody && body.GetProperty("content").TryGetProperty("application/json", out var json)
                && json.GetProperty("schema").TryGetProperty("$ref", out var reference)
                && schemas.GetProperty(reference.GetString()!.Split('/')[^1]) is var schema
                && schema.TryGetProperty("properties", out var props))
                properties.AddRange(props.EnumerateObject().Select(p => (p.Name, TypeOf(p.Value))));
            list.Add(new ApiOperation(op.Name.ToUpperInvariant(), path.Name, op.Value.GetProperty("operationId").GetString()!, parameters,
                properties, hasBody));
        }
        return list;
    }

    /// <summary>"string", "integer", "boolean", "object", "array" or "string:date": enough to pick hostile values.</summary>
    private static string TypeOf(JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out _)) return "object";
        var type = !schema.TryGetProperty("type", out var t) ? "object"
            : t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).First(x => x != "null")!
            : t.GetString()!;
        return schema.TryGetProperty("format", out var f) && f.GetString() == "date" ? "string:date" : type;
    }
}
