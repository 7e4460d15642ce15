using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Orchestrated.Testing;

namespace Orchestrated.Server.Tests.Steps;

/// <summary>A step added in one file shows wherever steps show: the catalog API, DAG validation, the workers, the partitions.</summary>
public sealed class NewStepTests(ServerWithEventCounts server) : IClassFixture<ServerWithEventCounts>
{
    private readonly HttpClient _client = server.CreateClient();

    private async Task<string> DefinitionWithCountsAsync(Action<JsonObject>? change = null)
    {
        var dag = JsonNode.Parse(await _client.GetStringAsync("/api/dags/session_duration/versions/1"))!.AsObject();
        var task =
            new JsonObject { ["id"] = "count_events", ["step"] = EventCountStep.StepName, ["upstream"] = new JsonArray("clean_events") };
        change?.Invoke(task);
        dag["tasks"]!.AsArray().Add(task);
        return dag.ToJsonString();
    }

    [Fact]
    public async Task The_catalog_lists_it_with_its_param_and_what_it_reads_and_writes()
    {
        var steps = await _client.GetFromJsonAsync<JsonElement[]>("/api/steps");
        var step = Assert.Single(steps!, s => s.GetProperty("name").GetString() == EventCountStep.StepName);
        var param = Assert.Single(step.GetProperty("params").EnumerateArray());
        Assert.Equal(("split_on_device", "boolean", "true"),
            (param.GetProperty("name").GetString(), param.GetProperty("kind").GetString(), param.GetProperty("default").GetString()));
        Assert.Equal(["event_counts"], step.GetProperty("writes").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal(["silver_events D"], step.GetProperty("reads").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public async Task Dag_validation_knows_its_params_and_a_run_executes_it_and_the_partitions_page_shows_its_output()
    {
        var refused = await _client.PutAsJsonAsync("/api/dags/session_duration/definition",
            new { json = await DefinitionWithCountsAsync(t => t["params"] = new JsonObject { ["split_on_devcie"] = false }) });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(),
            e => e.GetString()!.Contains("step \"count_events\" has no param \"split_on_devcie\" (expected one of: split_on_device)"));

        var saved = await _client.PutAsJsonAsync("/api/dags/session_duration/definition",
            new { json = await DefinitionWithCountsAsync(t => t["params"] = new JsonObject { ["split_on_device"] = false }) });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var dag = await _client.GetFromJsonAsync<JsonElement>("/api/dags/session_duration");
        var task = dag.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("taskId").GetString() == "count_events");
        Assert.Equal(["event_counts"], task.GetProperty("writes").EnumerateArray().Select(w => w.GetString()));

        var created = await _client.PostAsJsonAsync("/api/dags/session_duration/runs", new { logicalDate = "2026-03-04" });
        var runId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var run =
            await server.WaitForAsync(_client, $"/api/runs/{runId}", r => r.GetProperty("state").GetString() is "success" or "failed");
        Assert.Equal("success", run.GetProperty("tasks").GetProperty("count_events").GetString());
        Assert.True(File.Exists(Path.Combine(server.Storage, EventCountStep.EventCounts.PartKey(new DateOnly(2026, 3, 4)))));

        var partitions =
            await _client.GetFromJsonAsync<JsonElement[]>("/api/dags/session_duration/partitions?from=2026-03-04&to=2026-03-04");
        var counts = Assert.Single(partitions!, p => p.GetProperty("dataset").GetString() == "event_counts");
        Assert.Equal("count_events", counts.GetProperty("taskId").GetString());
        Assert.Equal(1, counts.GetProperty("rowsWritten").GetInt64()); // one count: split_on_device=false reached the worker
        Assert.Contains(counts.GetProperty("status").GetString(), new[] { "final", "provisional" });
    }
}
