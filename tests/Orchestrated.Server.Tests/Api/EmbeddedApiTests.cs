using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrated.Server.Tests.Support;

namespace Orchestrated.Server.Tests.Api;

/// <summary>The REST API of the embedded server, with the real pipeline running the sample data in process.</summary>
public class EmbeddedApiTests : IClassFixture<EmbeddedServer>
{
    private readonly EmbeddedServer _server;
    private readonly HttpClient _client;

    public EmbeddedApiTests(EmbeddedServer server)
    {
        _server = server;
        _client = server.CreateClient();
    }

    private static string State(JsonElement run) => run.GetProperty("state").GetString()!;

    [Fact]
    public async Task A_triggered_run_executes_all_its_steps_and_records_their_metrics_and_partitions()
    {
        var response =
            await _client.PostAsJsonAsync("/api/dags/session_duration/runs", new { logicalDate = "2026-03-03", note = "api test" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var run = await _server.WaitForAsync(_client, $"/api/runs/{runId}", r => State(r) is "success" or "failed");
        Assert.Equal("success", State(run));
        Assert.All(run.GetProperty("tasks").EnumerateObject(), t => Assert.Equal("success", t.Value.GetString()));

        var clean = await _client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/tasks/clean_events");
        var attempt = clean.GetProperty("tries").EnumerateArray().Single();
        var report = attempt.GetProperty("report");
        Assert.True(report.GetProperty("rowsWritten").GetInt64() > 1000);
        Assert.True(report.GetProperty("duplicates").GetInt64() > 0);
        Assert.False(string.IsNullOrEmpty(attempt.GetProperty("worker").GetString()));
        var log = await _client.GetStringAsync($"/api/tries/{attempt.GetProperty("id").GetGuid()}/log");
        Assert.Contains("rows read", log);

        var partitions =
            await _client.GetFromJsonAsync<JsonElement[]>("/api/dags/session_duration/partitions?from=2026-03-03&to=2026-03-03");
        Assert.Equal(["bronze_events", "live_reconciliation", "quarantine_events", "session_daily_stats", "sessions", "silver_events"],
            partitions!.Select(p => p.GetProperty("dataset").GetString()).Order());
        // Final, or provisional while the next day's arrival (which may hold late events of this date) is not in.
        Assert.All(partitions!, p => Assert.True(p.GetProperty("status").GetString() == "final"
            || p.GetProperty("missingInputs").EnumerateArray().Any() || p.GetProperty("provisionalInputs").EnumerateArray().Any(),
            p.ToString()));
        // Each dataset its own count: the quarantine holds the lines ingest quarantined, not the rows it wrote to bronze.
        var ingest = (await _client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/tasks/ingest_raw_events")).GetProperty("tries")[0]
            .GetProperty("report");
        long Rows(string dataset) =>
            partitions!.Single(p => p.GetProperty("dataset").GetString() == dataset).GetProperty("rowsWritten").GetInt64();
        Assert.Equal(ingest.GetProperty("rowsWritten").GetInt64(), Rows("bronze_events"));
        Assert.Equal(ingest.GetProperty("quarantined").EnumerateObject().Sum(q => q.Value.GetInt64()), Rows("quarantine_events"));
        Assert.NotEqual(Rows("bronze_events"), Rows("quarantine_events"));
        Assert.True(File.Exists(Path.Combine(_server.Storage, "gold/session_daily_stats/date=2026-03-03/part-00000.parquet")));
    }

    [Fact]
    public async Task A_backfill_previewed_then_started_completes_every_date()
    {
        var preview = await _client.PostAsJsonAsync("/api/dags/session_duration/backfills",
            new { from = "2026-03-02", to = "2026-03-05", reprocess = "all", maxConcurrentRuns = 2, dryRun = true });
        var plan = await preview.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("dry_run", plan.GetProperty("state").GetString());
        Assert.Equal(4, plan.GetProperty("plan").GetArrayLength());

        var created = await _client.PostAsJsonAsync("/api/dags/session_duration/backfills",
            new { from = "2026-03-02", to = "2026-03-05", reprocess = "missing", maxConcurrentRuns = 2 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var done = await _server.WaitForAsync(_client, $"/api/backfills/{id}", b => b.GetProperty("state").GetString() != "running",
            TimeSpan.FromSeconds(120));
        Assert.Equal("completed", done.GetProperty("state").GetString());
        var states = done.GetProperty("runStates");
        Assert.Equal(states.EnumerateObject().Sum(s => s.Value.GetInt32()), states.GetProperty("success").GetInt32());
    }

    [Fact]
    public async Task Bad_requests_get_problem_details_that_say_what_is_wrong()
    {
        var noDate = await _client.PostAsJsonAsync("/api/dags/session_duration/runs", new { note = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, noDate.StatusCode);
        Assert.Contains("logicalDate", await noDate.Content.ReadAsStringAsync());

        var badParams = await _client.PostAsJsonAsync("/api/dags/session_duration/runs", new
        {
            logicalDate = "2026-03-02", @params = new Dictionary<string, object> { ["compute_sessions"] = new { inactivity_gap = "soon" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, badParams.StatusCode);
        var problem = await badParams.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("params.compute_sessions.inactivity_gap", problem.GetProperty("errors")[0].GetString());

        Assert.Equal(HttpStatusCode.NotFound,
            (await _client.PostAsJsonAsync("/api/dags/nope/runs", new { logicalDate = "2026-03-02" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/runs/999999")).StatusCode);
        var reversed =
            await _client.PostAsJsonAsync("/api/dags/session_duration/backfills", new { from = "2026-03-05", to = "2026-03-02" });
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        var badMode = await _client.PostAsJsonAsync("/api/dags/session_duration/backfills",
            new { from = "2026-03-02", to = "2026-03-03", reprocess = "some" });
        Assert.Contains("missing, failed, stale, all", await badMode.Content.ReadAsStringAsync());
        var badDefinition =
            await _client.PutAsJsonAsync("/api/dags/session_duration/definition", new { json = "{\"id\": \"session_duration\"}" });
        Assert.Equal(HttpStatusCode.BadRequest, badDefinition.StatusCode);
        Assert.Contains("$", await badDefinition.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_openapi_document_describes_every_operation()
    {
        var doc = await _client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var expected in new[]
                 {
                     "/api/dags", "/api/dags/{dagId}/runs", "/api/dags/{dagId}/backfills", "/api/backfills/{backfillId}/cancel",
                     "/api/runs/{runId}/tasks/{taskId}/clear", "/api/runs/{runId}/tasks/{taskId}/mark", "/api/dags/{dagId}/pause",
                     "/api/alerts", "/api/dags/{dagId}/partitions", "/api/dags/{dagId}/next-fires", "/api/tries/{tryId}/log",
                 })
            Assert.Contains(expected, paths);
    }

    [Fact]
    public async Task The_dag_lists_its_tasks_schedule_and_next_fires()
    {
        var dag = await _client.GetFromJsonAsync<JsonElement>("/api/dags/session_duration");
        Assert.Equal(5, dag.GetProperty("tasks").GetArrayLength());
        Assert.Equal(5, dag.GetProperty("nextFires").GetArrayLength());
        Assert.Equal("0 2 * * *", dag.GetProperty("schedule").GetString());
        var fires = await _client.GetFromJsonAsync<JsonElement[]>("/api/dags/session_duration/next-fires?count=2");
        Assert.Equal(2, fires!.Length);
    }
}
