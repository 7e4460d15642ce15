using System.Net.Http.Json;
using System.Text.Json;
using Orchestrated.Server.Tests.Support;
using Orchestrated.Testing;

namespace Orchestrated.Server.Tests.Api;

/// <summary>
/// The published OpenAPI document is good enough to generate a client from: every operation named, its refusals and
/// the authentication it needs declared, and Redocly's recommended rules pass without an error or a warning.
/// </summary>
[Trait("Probe", "hostile")]
public sealed class OpenApiDocumentTests(EmbeddedServer server) : IClassFixture<EmbeddedServer>
{
    private async Task<JsonElement> DocumentAsync() => await server.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => (p.Name, o.Name, o.Value)));

    [Fact]
    public async Task Every_operation_has_a_unique_id_a_problem_response_and_its_authentication()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).ToList();
        Assert.True(operations.Count >= 28, $"{operations.Count} operations");
        var ids = operations.Select(o => o.Operation.TryGetProperty("operationId", out var id) ? id.GetString() : null).ToList();
        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("X-Api-Key", schemes.GetProperty("apiKey").GetProperty("name").GetString());
        Assert.Equal("cookie", schemes.GetProperty("loginCookie").GetProperty("in").GetString());
        foreach (var (path, method, operation) in operations)
        {
            var responses = operation.GetProperty("responses").EnumerateObject().ToDictionary(r => r.Name, r => r.Value);
            Assert.True(responses.ContainsKey("400"), $"{method} {path} declares no 400");
            Assert.True(responses["400"].GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path}");
            if (path.StartsWith("/api/", StringComparison.Ordinal))
                Assert.True(responses.ContainsKey("401") && responses.ContainsKey("403"), $"{method} {path} declares no 401/403");
            else
                Assert.Equal(0, operation.GetProperty("security").GetArrayLength());
        }
    }

    [Fact]
    public async Task Redoclys_recommended_rules_pass_without_errors_or_warnings()
    {
        using var folder = new TempFolder();
        var file = Path.Combine(folder.Path, "openapi.json");
        await File.WriteAllTextAsync(file, (await DocumentAsync()).GetRawText());
        var (errors, warnings, problems) = await OpenApiLinter.LintAsync(file);
        Assert.True(errors == 0 && warnings == 0, $"{errors} errors, {warnings} warnings:\n{problems}");
    }
}
