using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orchestrated.Domain.Sessions;
using Orchestrated.Pipeline;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Server.Tests.Streaming;

/// <summary>
/// The embedded default, end to end: events posted to the collector become sessions in <c>silver/sessions_live</c>
/// while the server runs — the same rows the batch pipeline computes from what the collector put in the raw zone.
/// </summary>
public sealed class LiveSessionsTests(LiveServer server) : IClassFixture<LiveServer>
{
    [Fact]
    public async Task Posted_events_become_live_sessions_equal_to_the_batch_ones()
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        var noon = new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        var lines = new List<string>();
        for (var i = 0; i < 30; i++)
            lines.Add(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["event_id"] = $"live-e2e-{i}", ["student_id"] = $"L{i % 3}", ["event_type"] = "page_view",
                ["timestamp"] = noon.AddMinutes(i % 10 + (i % 3 == 0 && i >= 15 ? 45 : 0)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
                ["page_url"] = $"https://lms.example.edu/course/C1/chapter/{i % 4}/page/{i % 5}",
                ["device"] = i % 2 == 0 ? "mobile" : "desktop",
                ["metadata"] = new Dictionary<string, object> { ["time_spent_sec"] = 10 + i },
            }));
        using var posted = await server.CreateClient().PostAsync("/api/events",
            new StringContent(string.Join("\n", lines), Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var rawFile = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rawFile").GetString()!;

        var store = server.Services.GetRequiredService<IObjectStore>();
        var live = await LiveRowsAsync(store, day, expectAtLeast: 1, within: TimeSpan.FromSeconds(30));

        // The batch pipeline over exactly the raw file the collector wrote.
        var only = new LocalObjectStore(Directory.CreateTempSubdirectory("live-e2e-").FullName);
        await using (var raw = await store.OpenReadAsync(rawFile)) await only.WriteAsync(rawFile, (s, ct) => raw.CopyToAsync(s, ct));
        var steps = new PipelineSteps(only, StepSettings.Defaults, NullLoggerFactory.Instance);
        // Nothing arrived on the events' own date: an empty file there gives its (empty) bronze partition.
        await only.WriteAsync($"{Dataset.Raw.PartitionPrefix(day)}empty.jsonl", (_, _) => Task.CompletedTask);
        await steps.RunAsync("ingest", day);
        await steps.RunAsync("ingest", DateOnly.FromDateTime(DateTime.UtcNow));
        await steps.RunAsync("clean", day);
        await steps.RunAsync("sessionize", day);
        List<SessionRow> batch;
        await using (var s = await only.OpenReadAsync(Dataset.Sessions.PartKey(day))) batch = SessionsTable.Read(s, "batch").ToList();

        Assert.True(batch.Count >= 6, $"{batch.Count} batch sessions");
        live = await LiveRowsAsync(store, day, expectAtLeast: batch.Count, within: TimeSpan.FromSeconds(30));
        batch.Sort(SessionRow.OutputOrder);
        live.Sort(SessionRow.OutputOrder);
        Assert.Equal(batch, live);
    }

    private static async Task<List<SessionRow>> LiveRowsAsync(IObjectStore store, DateOnly day, int expectAtLeast, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var rows = new List<SessionRow>();
            foreach (var file in await store.ListAsync(Dataset.SessionsLive.PartitionPrefix(day)))
            {
                await using var s = await store.OpenReadAsync(file.Key);
                rows.AddRange(SessionsTable.Read(s, file.Key));
            }
            if (rows.Count >= expectAtLeast || DateTime.UtcNow > deadline) return rows;
            await Task.Delay(200);
        }
    }
}
