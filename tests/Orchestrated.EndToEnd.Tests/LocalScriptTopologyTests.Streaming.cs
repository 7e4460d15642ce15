using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Orchestrated.Domain.Events;
using Orchestrated.Domain.Live;
using Orchestrated.Domain.Sessions;
using Orchestrated.EndToEnd.Tests.Support;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.EndToEnd.Tests;

// The same topology as the backfill test (one start of deploy/local/start.sh for both), so a part of the same class.
/// <summary>
/// deploy/local/start.sh's two stream workers: events posted to the server's collector go through RabbitMQ stream
/// queues and come out as live sessions in the bucket; one stream worker is killed (-9), the other takes its
/// partitions over, reads them again and rewrites the same files: every session once, none lost, none twice.
/// </summary>
public sealed partial class LocalScriptTopologyTests
{
    private static readonly DateOnly LiveDay = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);

    private static List<string> Events(string prefix, int hour, string? students = null) => Enumerable.Range(0, 48).Select(i =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["event_id"] = $"{prefix}-{i}", ["student_id"] = $"{students ?? prefix}-S{i % 8}", ["event_type"] = "page_view",
            ["timestamp"] = new DateTimeOffset(LiveDay.ToDateTime(new TimeOnly(hour, i % 6)), TimeSpan.Zero)
                .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"),
            ["page_url"] = $"/course/C2/chapter/{i % 3}/page/{i % 4}", ["device"] = i % 2 == 0 ? "mobile" : "desktop",
        })).ToList();

    [Fact]
    public async Task Live_sessions_survive_a_killed_stream_worker_unchanged_and_once()
    {
        Assert.Equal(2, Topology.StreamWorkers.Count);
        // Both started and stayed up (they once raced the server to migrate and to save the DAG at start, and died).
        Assert.All(Topology.StreamWorkers, w => Assert.True(IsRunning(w.Pid), $"{w.Name} exited:\n{Topology.LogOf(w.Name)}"));
        var events = Events("sw1", 9).Concat(Events("sw2", 15)).ToList();
        await PostAsync(events);
        var expected = Expected(events);
        var before = await WaitForAsync(expected.Count);
        Assert.Equal(expected, Rows(before));

        // Checkpoints written (every second of stream time here) before the kill, so the survivor resumes from them.
        await Task.Delay(TimeSpan.FromSeconds(3));

        // -9: no lease given back, nothing flushed. The survivor takes the partitions over and reads them again.
        Process.GetProcessById(Topology.StreamWorkers[0].Pid).Kill();
        var survivor = Topology.StreamWorkers[1].Url;
        await WaitUntilAsync(async () => (await LiveAsync(survivor)).GetProperty("owned").GetArrayLength() == 4, TimeSpan.FromSeconds(60),
            async () => (await LiveAsync(survivor)).ToString());

        // The survivor has read the taken partitions again from the start, rewriting the files it found.
        await WaitUntilAsync(async () => (await LiveAsync(survivor)).GetProperty("owned").EnumerateArray()
            .All(p => p.GetProperty("sessionsClosed").GetInt64() > 0 || p.GetProperty("lastOffset").GetInt64() >= 0),
            TimeSpan.FromSeconds(60), async () => (await LiveAsync(survivor)).ToString());
        await Task.Delay(TimeSpan.FromSeconds(3));

        // The server owns no partition and shows all four as their owner reports them (its Live page across processes).
        var holder = (await LiveAsync(survivor)).GetProperty("owned")[0].GetProperty("holder").GetString();
        await WaitUntilAsync(async () =>
            {
                var server = await LiveAsync(Topology.Api.BaseAddress!);
                return server.GetProperty("owned").GetArrayLength() == 0 &&
                    server.GetProperty("elsewhere").EnumerateArray().Count(p => p.GetProperty("holder").GetString() == holder) == 4;
            }, TimeSpan.FromSeconds(30), async () => (await LiveAsync(Topology.Api.BaseAddress!)).ToString());

        // The partitions taken over resumed from the dead worker's checkpoints, not from the start.
        Assert.Contains((await LiveAsync(survivor)).GetProperty("owned").EnumerateArray(),
            p => p.GetProperty("resumedFrom").GetInt64() > 0);

        var after = await WaitForAsync(expected.Count);
        Assert.Equal(expected, Rows(after));
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (name, file) in before) Assert.Equal(file.Hash, after[name].Hash);

        // Events of the same students from long before the watermark, their sessions written already: each one counted
        // and kept on the survivor, none lost, no session changed. (A partition that has seen no event yet has no
        // watermark, so late needs students whose partitions have.)
        var late = Events("late", 10, students: "sw1").Take(8).ToList();
        await PostAsync(late);
        await WaitUntilAsync(async () => await LateLinesAsync() == late.Count, TimeSpan.FromSeconds(60),
            async () => $"{await LateLinesAsync()} late lines; {(await LiveAsync(survivor))}");
        Assert.Equal(late.Count, (await LiveAsync(survivor)).GetProperty("owned").EnumerateArray()
            .Sum(p => p.GetProperty("lateEvents").GetInt64()));
        Assert.Equal(expected, Rows(await WaitForAsync(expected.Count)));

        // A broker restart: every reading breaks, and each partition reads on from its last checkpoint. Late events
        // posted after it are kept once each, and nothing written before changes.
        var lateBefore = (await LiveAsync(survivor)).GetProperty("owned").EnumerateArray().Sum(p => p.GetProperty("lateEvents").GetInt64());
        await Topology.RestartBrokerAsync();
        var later = Events("later", 13, students: "sw2").Take(8).ToList();
        await PostRetryingAsync(later);
        await WaitUntilAsync(async () => await LateLinesAsync() == late.Count + later.Count, TimeSpan.FromSeconds(90),
            async () => $"{await LateLinesAsync()} late lines; {await LiveAsync(survivor)}");
        var afterRestart = (await LiveAsync(survivor)).GetProperty("owned").EnumerateArray().ToList();
        Assert.Equal(lateBefore + later.Count, afterRestart.Sum(p => p.GetProperty("lateEvents").GetInt64()));
        // Every reading broke with the broker, and started again from a checkpoint.
        Assert.All(afterRestart, p => Assert.True(p.GetProperty("resumedFrom").GetInt64() > 0, p.ToString()));
        var final = await WaitForAsync(expected.Count);
        Assert.Equal(expected, Rows(final));
        foreach (var (name, file) in before) Assert.Equal(file.Hash, final[name].Hash);
    }

    /// <summary>Posts, once more after a 503 while the broker comes back (the raw zone has the first copy; ids dedupe).</summary>
    private async Task PostRetryingAsync(List<string> lines)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await Topology.Api.PostAsync("/api/events",
                new StringContent(string.Join("\n", lines), Encoding.UTF8, "application/x-ndjson"));
            if (response.IsSuccessStatusCode) return;
            Assert.True(attempt < 20 && (int)response.StatusCode == 503, await response.Content.ReadAsStringAsync());
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private async Task<int> LateLinesAsync()
    {
        var lines = 0;
        foreach (var file in await Topology.Store.ListAsync(Dataset.LateEvents.PartitionPrefix(LiveDay)))
        {
            await using var stream = await Topology.Store.OpenReadAsync(file.Key);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync() is { Length: > 0 }) lines++;
        }
        return lines;
    }

    private static bool IsRunning(int pid)
    {
        try { return !Process.GetProcessById(pid).HasExited; }
        catch (ArgumentException) { return false; }
    }

    private async Task<JsonElement> LiveAsync(Uri worker)
    {
        using var client = new HttpClient { BaseAddress = worker };
        client.DefaultRequestHeaders.Add("X-Api-Key", Topology.Env["ORCHESTRATED_API_KEY"]);
        return JsonDocument.Parse(await client.GetStringAsync("/api/live")).RootElement;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan within, Func<Task<string>> state)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"not within {within}: {await state()}");
            await Task.Delay(500);
        }
    }

    private async Task PostAsync(List<string> lines)
    {
        using var response = await Topology.Api.PostAsync("/api/events",
            new StringContent(string.Join("\n", lines), Encoding.UTF8, "application/x-ndjson"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The sessions of the events as the domain computes them (the batch's, as LiveEqualsBatchTests shows).</summary>
    private List<SessionRow> Expected(List<string> lines)
    {
        var rows = new List<SessionRow>();
        using var live = new LiveSessionizer(SessionRules.Default, Encoding.UTF8.GetBytes(Topology.Env["Orchestrated__StudentHashKey"]),
            new LiveOptions(), rows.Add, _ => { });
        var parser = new RawEventParser(long.MaxValue);
        var parsed = new RawEvent();
        foreach (var line in lines.OrderBy(l => l, StringComparer.Ordinal))
        {
            Assert.True(parser.Parse(Encoding.UTF8.GetBytes(line), parsed).IsAccepted);
            live.Add(parsed, parsed.TimestampMicros);
        }
        live.Flush();
        rows.Sort(SessionRow.OutputOrder);
        return rows;
    }

    private static List<SessionRow> Rows(Dictionary<string, (string Hash, List<SessionRow> Rows)> files)
    {
        var rows = files.Values.SelectMany(f => f.Rows).ToList();
        rows.Sort(SessionRow.OutputOrder);
        return rows;
    }

    /// <summary>The live session files of the day, once they hold at least <paramref name="sessions"/> rows.</summary>
    private async Task<Dictionary<string, (string Hash, List<SessionRow> Rows)>> WaitForAsync(int sessions, TimeSpan? within = null)
    {
        var store = Topology.Store;
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var files = new Dictionary<string, (string, List<SessionRow>)>();
            foreach (var file in await store.ListAsync(Dataset.SessionsLive.PartitionPrefix(LiveDay)))
            {
                await using var stream = await store.OpenReadAsync(file.Key);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                copy.Position = 0;
                files[file.Key] = (Convert.ToHexString(SHA256.HashData(copy.ToArray())), SessionsTable.Read(copy, file.Key).ToList());
            }
            if (files.Values.Sum(f => f.Item2.Count) >= sessions || DateTime.UtcNow > deadline) return files;
            await Task.Delay(500);
        }
    }
}
