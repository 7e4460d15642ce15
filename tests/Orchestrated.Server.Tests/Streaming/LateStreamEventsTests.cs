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
/// The embedded default, end to end: events behind the stream's watermark are counted, kept in the late zone, mark
/// their date (and the arrival holding them) stale in the ledger, and the stale backfill makes the batch sessions those
/// of every event posted, with nothing stale left.
/// </summary>
public sealed class LateStreamEventsTests(LiveServer server) : IClassFixture<LiveServer>
{
    // Yesterday's events arriving today, as the collector files them (a new instance per test: the dates of its start).
    private readonly DateOnly _day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
    private DateOnly Arrival => _day.AddDays(1);

    private string Event(string id, string student, int hour, int minute) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["event_id"] = id, ["student_id"] = student, ["event_type"] = "page_view",
        ["timestamp"] = new DateTimeOffset(_day.ToDateTime(new TimeOnly(hour, minute)), TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
        ["page_url"] = $"https://lms.example.edu/course/C1/chapter/1/page/{minute % 4}", ["device"] = "desktop",
    });

    [Fact]
    public async Task Late_events_are_kept_mark_their_date_stale_and_the_stale_backfill_counts_them()
    {
        var client = server.CreateClient();
        var store = server.Services.GetRequiredService<IObjectStore>();
        var students = Enumerable.Range(0, 16).Select(s => $"late-test-S{s}").ToList();
        var onTime = await PostAsync(client,
            students.SelectMany((s, i) => Enumerable.Range(0, 3).Select(m => Event($"on-{i}-{m}", s, 12, m))));
        await WaitUntilAsync(async () => (await LiveRowsAsync(store)).Count == students.Count, "the on-time sessions");
        await store.WriteAsync($"{Dataset.Raw.PartitionPrefix(_day)}nothing-arrived.jsonl", (_, _) => Task.CompletedTask);
        await BackfillAsync(client, "all");
        // The stale backfill, not a re-run by itself, is what this tests.
        using (var paused = await client.PostAsJsonAsync("/api/dags/session_duration/pause", new { }))
            Assert.True(paused.IsSuccessStatusCode, $"pause: {(int)paused.StatusCode}");

        // Before the sessions of the day, and long behind the watermark.
        var late = await PostAsync(client, students.Select((s, i) => Event($"late-{i}", s, 10, i % 6)));
        await WaitUntilAsync(async () => await LateLinesAsync(store) == students.Count, "the late events in late/events");
        var live = await client.GetFromJsonAsync<JsonElement>("/api/live");
        Assert.Equal(students.Count, live.GetProperty("owned").EnumerateArray().Sum(p => p.GetProperty("lateEvents").GetInt64()));
        Assert.Equal(students.Count, (await LiveRowsAsync(store)).Count); // the live sessions did not change

        // The ledger hears of them once their file is written.
        List<Partition> partitions = [];
        await WaitUntilAsync(async () => (partitions = await PartitionsAsync(client))
            .Single(p => p.Dataset == Dataset.SilverEvents.Name && p.Date == _day).Status == "stale", "the date stale in the ledger",
            async () => string.Join("\n", (await PartitionsAsync(client))
                .Select(p => $"{p.Dataset} {p.Date} {p.Status} {string.Join("; ", p.ChangedInputs)}")));
        var silver = partitions.Single(p => p.Dataset == Dataset.SilverEvents.Name && p.Date == _day);
        Assert.Contains($"{students.Count} late stream events of {_day:yyyy-MM-dd}", Assert.Single(silver.ChangedInputs));
        Assert.Equal("stale", partitions.Single(p => p.Dataset == Dataset.Bronze.Name && p.Date == Arrival).Status);

        await BackfillAsync(client, "stale");
        var batch = await BatchSessionsAsync(store);
        Assert.Equal(await BatchOfAsync(store, onTime, late), batch);
        Assert.Equal(students.Count * 2, batch.Count); // each student: the late visit at 10:00, then the one at 12:00
        Assert.DoesNotContain(await PartitionsAsync(client), p => p.Status == "stale");

        // The day's reconciliation (re-run with it): live lacks each student's 10:00 visit, and late events explain all.
        IReadOnlyList<Orchestrated.Domain.Live.SessionDifference> differences;
        await using (var s = await store.OpenReadAsync(Dataset.LiveReconciliation.PartKey(_day)))
            differences = ReconciliationTable.Read(s, "reconciliation");
        Assert.Equal(students.Count, differences.Count);
        Assert.All(differences, d => Assert.Equal(("only_batch", true), (d.Kind, d.ExplainedByLate)));
    }

    private static async Task<string> PostAsync(HttpClient client, IEnumerable<string> lines)
    {
        using var posted = await client.PostAsync("/api/events",
            new StringContent(string.Join("\n", lines), Encoding.UTF8, "application/x-ndjson"));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        return (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rawFile").GetString()!;
    }

    private async Task BackfillAsync(HttpClient client, string reprocess)
    {
        var created = await client.PostAsJsonAsync("/api/dags/session_duration/backfills",
            new { from = _day.ToString("yyyy-MM-dd"), to = Arrival.ToString("yyyy-MM-dd"), reprocess, maxConcurrentRuns = 2 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var done = await server.WaitForAsync(client, $"/api/backfills/{id}", b => b.GetProperty("state").GetString() != "running",
            TimeSpan.FromSeconds(120));
        Assert.Equal("completed", done.GetProperty("state").GetString());
    }

    private sealed record Partition(string Dataset, DateOnly Date, string Status, List<string> ChangedInputs);

    private async Task<List<Partition>> PartitionsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<List<Partition>>(
            $"/api/dags/session_duration/partitions?from={_day:yyyy-MM-dd}&to={Arrival:yyyy-MM-dd}",
            new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;

    private async Task<List<SessionRow>> BatchSessionsAsync(IObjectStore store)
    {
        await using var s = await store.OpenReadAsync(Dataset.Sessions.PartKey(_day));
        var rows = SessionsTable.Read(s, "batch").ToList();
        rows.Sort(SessionRow.OutputOrder);
        return rows;
    }

    /// <summary>The batch pipeline, apart, over exactly the raw files the collector wrote.</summary>
    private async Task<List<SessionRow>> BatchOfAsync(IObjectStore store, params string[] rawFiles)
    {
        var only = new LocalObjectStore(Directory.CreateTempSubdirectory("late-batch-").FullName);
        foreach (var key in rawFiles)
        {
            await using var raw = await store.OpenReadAsync(key);
            await only.WriteAsync(key, (s, ct) => raw.CopyToAsync(s, ct));
        }
        await only.WriteAsync($"{Dataset.Raw.PartitionPrefix(_day)}nothing-arrived.jsonl", (_, _) => Task.CompletedTask);
        var steps = new PipelineSteps(only, StepSettings.Defaults, NullLoggerFactory.Instance);
        await steps.RunAsync("ingest", _day);
        await steps.RunAsync("ingest", Arrival);
        await steps.RunAsync("clean", _day);
        await steps.RunAsync("sessionize", _day);
        return await BatchSessionsAsync(only);
    }

    private async Task<List<SessionRow>> LiveRowsAsync(IObjectStore store)
    {
        var rows = new List<SessionRow>();
        foreach (var file in await store.ListAsync(Dataset.SessionsLive.PartitionPrefix(_day)))
        {
            await using var s = await store.OpenReadAsync(file.Key);
            rows.AddRange(SessionsTable.Read(s, file.Key));
        }
        return rows;
    }

    private async Task<int> LateLinesAsync(IObjectStore store)
    {
        var lines = 0;
        foreach (var file in await store.ListAsync(Dataset.LateEvents.PartitionPrefix(_day)))
        {
            await using var s = await store.OpenReadAsync(file.Key);
            using var reader = new StreamReader(s);
            while (await reader.ReadLineAsync() is { Length: > 0 }) lines++;
        }
        return lines;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done, string what, Func<Task<string>>? state = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"not within a minute: {what}{(state is null ? "" : "; " + await state())}");
            await Task.Delay(200);
        }
    }
}
