using Orchestrated.EndToEnd.Tests.Support;
using Orchestrated.Storage.Layout;

namespace Orchestrated.EndToEnd.Tests;

/// <summary>
/// The distributed topology on an S3 bucket: a 3-day backfill through the API whose sessions and daily stats, read
/// back from the bucket, equal an in-process run of the same data; then a worker is killed and one more date still
/// runs on the remaining one.
/// </summary>
public sealed class S3TopologyTests(S3Topology topology) : IClassFixture<S3Topology>
{
    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_backfill_on_the_bucket_equals_an_in_process_run_and_survives_losing_a_worker()
    {
        var dates = Enumerable.Range(0, 3).Select(i => S3Topology.Sample.Start.AddDays(i)).ToList();
        var backfill = await topology.PostAsync("/api/dags/session_duration/backfills",
            new { from = Date(dates[0]), to = Date(dates[^1]), reprocess = "missing", maxConcurrentRuns = 1 });
        var done = await topology.WaitForAsync($"/api/backfills/{backfill.GetProperty("id").GetInt64()}",
            b => b.GetProperty("state").GetString() != "running", TimeSpan.FromSeconds(180));
        Assert.Equal(3, done.GetProperty("runStates").GetProperty("success").GetInt32());

        // One worker goes away for good; the next date runs on the other.
        topology.Workers["worker-a"].Kill();
        var fourth = S3Topology.Sample.Start.AddDays(3);
        var run = await topology.PostAsync("/api/dags/session_duration/runs", new { logicalDate = Date(fourth) });
        var finished = await topology.RunToFinishAsync(run.GetProperty("id").GetInt64(), TimeSpan.FromSeconds(180));
        Assert.Equal("success", finished.GetProperty("state").GetString());
        dates.Add(fourth);

        var reference = await ReferenceRun.RunAsync(S3Topology.Sample, dates, topology.StudentHashKey);
        var store = topology.Store;
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
}
