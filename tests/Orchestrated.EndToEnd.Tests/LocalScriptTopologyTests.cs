using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Orchestrated.EndToEnd.Tests.Support;
using Orchestrated.Pipeline.Sample;
using Orchestrated.Storage.Layout;

namespace Orchestrated.EndToEnd.Tests;

/// <summary>
/// deploy/local/start.sh's topology end to end: raw data uploaded to the bucket, a 3-day backfill through the API; then
/// a worker process is killed and one more date runs on the remaining ones; sessions and daily stats read back from
/// the bucket equal the CLI's run over the four dates.
/// </summary>
public sealed partial class LocalScriptTopologyTests(LocalScriptTopology topology) : IClassFixture<LocalScriptTopology>
{
    private LocalScriptTopology Topology => topology;

    private static readonly SampleOptions Sample = new(new DateOnly(2026, 6, 1), Days: 4, Students: 60, Seed: 7);

    [Fact]
    public async Task A_backfill_on_the_bucket_equals_an_in_process_run_and_the_remaining_workers_take_over_from_a_killed_one()
    {
        var staging = Directory.CreateTempSubdirectory("orchestrated-upload-").FullName;
        SampleDataGenerator.Write(staging, Sample);
        var store = topology.Store;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(staging, "raw"), "*", SearchOption.AllDirectories))
            await store.WriteAsync(Path.GetRelativePath(staging, file).Replace(Path.DirectorySeparatorChar, '/'), async (stream, ct) =>
            {
                await using var source = File.OpenRead(file);
                await source.CopyToAsync(stream, ct);
            });

        var dates = Enumerable.Range(0, 3).Select(i => Sample.Start.AddDays(i)).ToList();
        var created = await (await topology.Api.PostAsJsonAsync("/api/dags/session_duration/backfills",
                new { from = dates[0].ToString("yyyy-MM-dd"), to = dates[^1].ToString("yyyy-MM-dd"), maxConcurrentRuns = 1 }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var backfill =
            await WaitAsync($"/api/backfills/{created.GetProperty("id").GetInt64()}", b => b.GetProperty("state").GetString() != "running");
        // Three backfill runs, and the re-runs of dates their neighbours' late events or sessions made stale.
        Assert.True(backfill.GetProperty("runStates").GetProperty("success").GetInt32() >= 3, backfill.ToString());
        Assert.False(backfill.GetProperty("runStates").TryGetProperty("failed", out _), backfill.ToString());

        var (victim, pid) = topology.Workers.First(w => w.Name.StartsWith("worker-clean", StringComparison.Ordinal));
        Process.GetProcessById(pid).Kill();
        var fourth = Sample.Start.AddDays(3);
        var run = await (await topology.Api.PostAsJsonAsync("/api/dags/session_duration/runs",
            new { logicalDate = fourth.ToString("yyyy-MM-dd") }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var runId = run.GetProperty("id").GetInt64();
        var finished = await WaitAsync($"/api/runs/{runId}", r => r.GetProperty("state").GetString() is "success" or "failed");
        Assert.Equal("success", finished.GetProperty("state").GetString());
        var clean = await topology.Api.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/tasks/clean_events");
        Assert.NotEqual(victim, clean.GetProperty("tries").EnumerateArray().Last().GetProperty("worker").GetString());
        dates.Add(fourth);
        // Arrival four holds late events of date three: date three re-runs by itself, then all four equal the CLI's run.
        await WaitUntilSettledAsync();

        var reference = await ReferenceRun.RunAsync(Sample, dates, topology.Env["Orchestrated__StudentHashKey"]);
        foreach (var date in dates)
            foreach (var dataset in new[] { Dataset.Sessions, Dataset.DailyStats })
            {
                var key = dataset.PartKey(date);
                await using var stream = await store.OpenReadAsync(key);
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                var expected = await File.ReadAllBytesAsync(Path.Combine(reference, key));
                Assert.True(expected.SequenceEqual(copy.ToArray()), $"{key} in the bucket differs from the in-process run");
            }
    }

    private async Task WaitUntilSettledAsync()
    {
        var quiet = 0;
        for (var i = 0; i < 900 && quiet < 15; i++)
        {
            var busy = false;
            foreach (var state in new[] { "queued", "running" })
                busy |= (await topology.Api.GetFromJsonAsync<JsonElement>(
                    $"/api/dags/session_duration/runs?state={state}&limit=1")).GetArrayLength() > 0;
            quiet = busy ? 0 : quiet + 1;
            await Task.Delay(200);
        }
        Assert.True(quiet >= 15, "runs were still queued or running");
    }

    private async Task<JsonElement> WaitAsync(string url, Func<JsonElement, bool> done)
    {
        JsonElement last = default;
        for (var i = 0; i < 900; i++)
        {
            last = await topology.Api.GetFromJsonAsync<JsonElement>(url);
            if (done(last)) return last;
            await Task.Delay(200);
        }
        throw new TimeoutException($"{url}: last {last}\n{topology.ServerLog[^Math.Min(4000, topology.ServerLog.Length)..]}");
    }
}
