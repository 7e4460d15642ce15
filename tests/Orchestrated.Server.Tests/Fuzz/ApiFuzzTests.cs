using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orchestrated.Server.Tests.Api;
using Orchestrated.Server.Tests.Support;

namespace Orchestrated.Server.Tests.Fuzz;

/// <summary>
/// Every operation the OpenAPI document publishes, sent hostile values in every path and query parameter, every body
/// property and as whole bodies: nothing a client can send answers 5xx, every refusal is a problem details document,
/// and the server is still alive at the end. The operations are read from the document, so a new endpoint is fuzzed
/// the day it is added.
/// </summary>
[Trait("Probe", "hostile")]
public sealed class ApiFuzzTests(KestrelSecuredServer server) : IClassFixture<KestrelSecuredServer>
{
    private static readonly Dictionary<string, string> ValidPathValues = new()
    {
        ["dagId"] = "session_duration", ["runId"] = "1", ["taskId"] = "clean_events", ["tryId"] = Guid.NewGuid().ToString(),
        ["backfillId"] = "1", ["alertId"] = "1", ["version"] = "1", ["date"] = "2026-03-02",
    };

    /// <summary>Bodies that are accepted, so a hostile value in one property reaches past the checks of the others.</summary>
    private static readonly Dictionary<string, string> ValidBodies = new()
    {
        ["TriggerRun"] = "{\"logicalDate\":\"2026-03-03\"}",
        ["CreateBackfill"] = "{\"from\":\"2026-03-02\",\"to\":\"2026-03-03\",\"dryRun\":true}",
        ["MarkTask"] = "{\"state\":\"success\"}",
        ["Login"] = "{\"user\":\"admin\",\"password\":\"wrong\"}",
    };

    private HttpClient Operator()
    {
        var client = server.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", SecuredServer.OperatorKey);
        return client;
    }

    private async Task<IReadOnlyList<ApiOperation>> OperationsAsync(HttpClient client) =>
        ApiOperation.From(await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json"));

    [Fact]
    public async Task No_hostile_value_in_any_parameter_or_body_answers_5xx_and_every_refusal_is_a_problem()
    {
        using var client = Operator();
        var trigger = await client.PostAsJsonAsync("/api/dags/session_duration/runs", new { logicalDate = EmbeddedServer.SampleStart });
        Assert.Equal(HttpStatusCode.Created, trigger.StatusCode);
        var operations = await OperationsAsync(client);
        Assert.True(operations.Count >= 28, $"only {operations.Count} operations published");
        var failures = new List<string>();
        var sent = 0;
        foreach (var op in operations)
            foreach (var (path, body) in Variants(op))
            {
                sent++;
                if (await CheckAsync(client, op.Method, path, body) is { } failure) failures.Add(failure);
            }
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests misbehaved:\n" + string.Join("\n", failures.Take(40)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Without_a_key_every_api_operation_answers_401_whatever_the_body()
    {
        using var client = server.CreateClient();
        var operations = await OperationsAsync(client);
        foreach (var op in operations.Where(o => o.Path.StartsWith("/api/", StringComparison.Ordinal)))
        {
            var path = Fill(op.Path, _ => null);
            foreach (var body in new[] { "{", new string('[', 5000), "{\"logicalDate\":\"9999-99-99\"}" })
            {
                using var request = Request(op.Method, path, op.HasBody ? body : null);
                using var response = await client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{op.Method} {path}: {(int)response.StatusCode}");
            }
        }
    }

    private static IEnumerable<(string Path, string? Body)> Variants(ApiOperation op)
    {
        var basePath = Fill(op.Path, _ => null);
        var baseBody = op.HasBody ? ValidBodies.GetValueOrDefault(op.OperationId, "{}") : null;
        yield return (basePath, baseBody);
        foreach (var (name, @in, _) in op.Parameters)
        {
            if (@in == "path")
                foreach (var value in HostileValues.InPath)
                    yield return (Fill(op.Path, n => n == name ? Escape(value) : null), baseBody);
            else if (@in == "query")
                foreach (var value in HostileValues.InQuery)
                    yield return ($"{basePath}?{name}={Escape(value)}", baseBody);
        }
        var dates = op.Parameters.Where(p => p.In == "query" && p.Type == "string:date").Select(p => p.Name).ToList();
        if (dates.Count > 1)
            foreach (var extreme in new[] { "0001-01-01", "9999-12-31" })
                yield return ($"{basePath}?{string.Join("&", dates.Select(d => $"{d}={extreme}"))}", baseBody);
        foreach (var (name, _) in op.BodyProperties)
            foreach (var value in HostileValues.InBody)
                yield return (basePath, With(baseBody!, name, value));
        if (op.HasBody)
            foreach (var body in HostileValues.Bodies)
                yield return (basePath, body);
    }

    private static string With(string body, string property, string value)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
        json.Remove(property);
        var rest = json.ToJsonString();
        return rest == "{}" ? $"{{\"{property}\":{value}}}" : $"{{\"{property}\":{value},{rest[1..]}";
    }

    private static string Fill(string template, Func<string, string?> hostile) =>
        System.Text.RegularExpressions.Regex.Replace(template, @"\{(\w+)\}", m =>
            hostile(m.Groups[1].Value) ?? ValidPathValues.GetValueOrDefault(m.Groups[1].Value, "1"));

    /// <summary>Values already percent-encoded go as they are (to test the server's decoding); the rest are encoded.</summary>
    private static string Escape(string value) => value.Contains('%') ? value : Uri.EscapeDataString(value);

    private static HttpRequestMessage Request(string method, string path, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return request;
    }

    private static async Task<string?> CheckAsync(HttpClient client, string method, string path, string? body)
    {
        using var request = Request(method, path, body);
        using var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        var shown = body is null ? "" : " " + (body.Length > 60 ? body[..60] + "…" : body);
        if (status >= 500) return $"{method} {Short(path)}{shown}: {status} {await response.Content.ReadAsStringAsync()}";
        // A NUL in the path is not HTTP: Kestrel refuses the request line before any of our code (or a problem writer) runs.
        var refusedByKestrel = status == 400 && path.Contains("%00", StringComparison.Ordinal);
        if (status >= 400 && !refusedByKestrel && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"{method} {Short(path)}{shown}: {status} without problem details ({response.Content.Headers.ContentType})";
        return null;
    }

    private static string Short(string path) => path.Length > 120 ? path[..120] + "…" : path;
}
