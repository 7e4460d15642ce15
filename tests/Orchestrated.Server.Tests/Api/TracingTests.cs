using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orchestrated.Server.Tests.Api;

public class TracingTests(TracedServer server) : IClassFixture<TracedServer>
{
    [Fact]
    public async Task Every_try_is_one_trace_from_the_server_send_through_the_broker_to_the_worker()
    {
        var client = server.CreateClient();
        var response = await client.PostAsJsonAsync("/api/dags/session_duration/runs", new { logicalDate = "2026-03-02" });
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await server.WaitForAsync(client, $"/api/runs/{runId}", r => r.GetProperty("state").GetString() is "success" or "failed");
        await Task.Delay(500); // the exporter receives spans as they end

        List<Activity> spans;
        lock (server.Spans) spans = server.Spans.ToList();
        // Only this run's tries: the schedule's own run has tries too, and other servers in this test process emit spans
        // to every listener.
        var tryIds = new HashSet<string>();
        foreach (var task in new[] { "ingest_raw_events", "clean_events", "compute_sessions", "compute_daily_session_stats" })
        {
            var instance = await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/tasks/{task}");
            foreach (var t in instance.GetProperty("tries").EnumerateArray()) tryIds.Add(t.GetProperty("id").GetString()!);
        }
        var tries = spans.Where(s => s.Source.Name == "Orchestrated" && s.GetTagItem("orchestrated.try_id") is string id
            && tryIds.Contains(id)).ToList();
        Assert.Equal(["try aggregate", "try clean", "try ingest", "try sessionize"], tries.Select(t => t.DisplayName).Order());
        foreach (var attempt in tries)
        {
            var trace = spans.Where(s => s.TraceId == attempt.TraceId).ToList();
            Assert.Contains(trace, s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer); // the server's send
            Assert.Contains(trace, s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer
                && s.SpanId == attempt.ParentSpanId);
        }
    }
}
