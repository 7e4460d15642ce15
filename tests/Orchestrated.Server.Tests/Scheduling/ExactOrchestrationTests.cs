using Orchestrated.Storage.Layout;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrated.Pipeline.Sample;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Operations;
using Orchestrated.Server.Tests.Support;
using Orchestrated.Workflows.Partitions;
using Orchestrated.Workflows.Runs;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Server.Tests.Scheduling;

/// <summary>
/// The orchestrated path against the CLI's <c>run</c>, with the real steps on a fake clock: whatever the dates, the order
/// in which raw folders arrive, the concurrency and the way runs are made (backfill, catch-up, manual triggers, a clear),
/// once the scheduler is idle every partition equals one run over the same raw files, and every study day is final.
/// </summary>
public class ExactOrchestrationTests
{
    private static readonly DateOnly Start = new(2026, 3, 2);
    private const string DagId = "session_duration";

    private static string Dag(DateOnly? scheduledFrom, int maxActiveRuns) => TestDags.SessionDuration(j =>
    {
        j["start_date"] = (scheduledFrom ?? new DateOnly(2030, 1, 1)).ToString("yyyy-MM-dd");
        j["max_active_runs"] = maxActiveRuns;
        // A raw folder that has not landed yet fails ingest as missing input: retried until it lands.
        j["default_task_settings"] = new JsonObject
        {
            ["retries"] = 40, ["retry_delay"] = "20m", ["retry_exponential_backoff"] = false, ["max_retry_delay"] = "20m",
            ["execution_timeout"] = "10m", ["sla"] = "1h",
        };
    });

    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 9));

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Any_dates_arrival_order_concurrency_and_kind_of_run_end_final_and_equal_to_one_run_over_the_same_files(int seed)
    {
        var random = new Random(seed);
        using var raw = new RawArrivals(new SampleOptions(Start, Days: random.Next(3, 6), Students: 20, Seed: seed, TailDays: 2));
        await raw.RunReferenceAsync();
        var mode = seed % 3;
        await using var db = TestDatabase.Sqlite();
        // Catch-up: a schedule from the first date, the clock past the last date's fire; otherwise runs are made by hand.
        await using var h = await SchedulerHarness.StartAsync(db, Dag(mode == 1 ? raw.First : null, maxActiveRuns: random.Next(1, 4)),
            raw.Last.AddDays(1).ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc));
        foreach (var date in raw.Dates.Where(_ => random.NextDouble() < 0.4)) raw.Land(date);
        var story = $"seed {seed}, mode {mode}, {raw.First:yyyy-MM-dd}..{raw.Last:yyyy-MM-dd}";

        if (mode == 0)
        {
            var concurrency = random.Next(1, 6);
            story += $", one backfill at concurrency {concurrency}";
            await BackfillAsync(h, raw.First, raw.Last, concurrency);
        }
        else if (mode == 2)
        {
            var order = raw.Dates.OrderBy(_ => random.Next()).ToList();
            foreach (var date in order.Take(order.Count / 2)) await h.Runs.TriggerAsync(DagId, date, null, null, CancellationToken.None);
            var from = raw.First.AddDays(random.Next(0, 2));
            var concurrency = random.Next(1, 6);
            story += $", manual runs of {string.Join(" ", order.Take(order.Count / 2).Select(d => d.Day))} and a backfill from " +
                $"{from.Day} at {concurrency}";
            await BackfillAsync(h, from, raw.Last, concurrency);
            foreach (var date in raw.Dates.Where(d => d < from && !order.Take(order.Count / 2).Contains(d)))
                await h.Runs.TriggerAsync(DagId, date, null, null, CancellationToken.None);
        }
        var workers = new PipelineWorkers(h, raw.Storage, RawArrivals.HashKey, random);
        await RunUntilIdleAsync(h, workers, raw, random);

        if (mode == 2)
        {
            // An operator clears one task of one date (and what is below it): the neighbours it feeds re-run by themselves.
            var runs = await h.RunsAsync();
            var run = runs[random.Next(runs.Count)];
            var task = new[] { "clean_events", "compute_sessions", "ingest_raw_events" }[random.Next(3)];
            story += $", then clear {task} of {run.LogicalDate.Day}";
            await h.Runs.ClearAsync(run.Id, task, downstream: true, CancellationToken.None);
            await RunUntilIdleAsync(h, workers, raw, random);
        }

        await AssertAllRunsSucceededAsync(h, story);
        raw.AssertSameAsReference();
        await AssertStudyDaysFinalAsync(h, raw, story);
    }

    [Fact]
    public async Task A_daily_schedule_whose_data_lands_after_each_run_is_provisional_first_then_final_by_itself_through_re_runs()
    {
        using var raw = new RawArrivals(new SampleOptions(Start, Days: 7, Students: 20, Seed: 7, TailDays: 2));
        await raw.RunReferenceAsync();
        await using var db = TestDatabase.Sqlite();
        await using var h = await SchedulerHarness.StartAsync(db, Dag(raw.First, maxActiveRuns: 3),
            raw.First.ToDateTime(new TimeOnly(23, 0), DateTimeKind.Utc));
        var workers = new PipelineWorkers(h, raw.Storage, RawArrivals.HashKey, new Random(7));
        var firstLook = new Dictionary<DateOnly, (PartitionStatus Silver, PartitionStatus Stats)>();
        var end = raw.Last.AddDays(1).ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc);
        while (h.Clock.GetUtcNow().UtcDateTime < end)
        {
            // Arrival A's folder lands at 02:30 the next day: half an hour after the run that ingests it fired.
            foreach (var date in raw.Pending
                         .Where(d => d.AddDays(1).ToDateTime(new TimeOnly(2, 30), DateTimeKind.Utc) <= h.Clock.GetUtcNow().UtcDateTime)
                         .ToList())
                raw.Land(date);
            await h.PassAsync();
            while (await workers.RunOneAsync()) await h.PassAsync();
            foreach (var run in (await h.RunsAsync())
                         .Where(r => r is { Kind: RunKind.Scheduled, State: RunState.Success } && !firstLook.ContainsKey(r.LogicalDate)))
                firstLook[run.LogicalDate] = (await h.PartitionAsync(Dataset.SilverEvents.Name, run.LogicalDate),
                    await h.PartitionAsync(Dataset.DailyStats.Name, run.LogicalDate));
            h.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        await AssertAllRunsSucceededAsync(h, "daily schedule");
        raw.AssertSameAsReference();
        await AssertStudyDaysFinalAsync(h, raw, "daily schedule");
        var runs = await h.RunsAsync();
        for (var d = raw.First; d <= raw.LastStudyDay; d = d.AddDays(1))
        {
            // Its own run could not see the next arrival, which may hold its late events: provisional, and it says why.
            var (silver, stats) = firstLook[d];
            Assert.Equal(PartitionState.Provisional, silver.State);
            Assert.Contains($"bronze_events {d.AddDays(1):yyyy-MM-dd}", silver.MissingInputs);
            Assert.Equal(PartitionState.Provisional, stats.State);
            // Then it re-ran by itself once the next day's data was in, saying what had changed.
            var reruns = runs.Where(r => r.LogicalDate == d && r.Kind == RunKind.Rerun).ToList();
            Assert.NotEmpty(reruns);
            Assert.All(reruns, r => Assert.StartsWith("stale — ", r.Note));
            Assert.All(reruns, r => Assert.DoesNotContain("ingest_raw_events", r.SelectedTasks!));
            // Final since the day after's arrival at the latest: a day's events are all in once the next arrival is.
            var final = await h.PartitionAsync(Dataset.SilverEvents.Name, d);
            var next = await h.PartitionAsync(Dataset.Bronze.Name, d.AddDays(1));
            Assert.True(final.FinalSince >= next.Partition!.WrittenAt);
        }
    }

    private static async Task BackfillAsync(SchedulerHarness h, DateOnly from, DateOnly to, int concurrency) =>
        await h.Backfills.CreateAsync(DagId, new BackfillRequest(from, to, ReprocessMode.Missing, concurrency, DryRun: false, null),
            CancellationToken.None);

    /// <summary>
    /// Workers take dispatched tries in random order; now and then a raw folder lands; when nothing is left to run the
    /// next folder lands, or the clock moves on to the next retry; idle when no run is queued or running.
    /// </summary>
    private static async Task RunUntilIdleAsync(SchedulerHarness h, PipelineWorkers workers, RawArrivals raw, Random random)
    {
        var idle = 0;
        for (var i = 0; i < 4000; i++)
        {
            if (raw.Pending.Any() && random.NextDouble() < 0.2) raw.Land(raw.Pending.ElementAt(random.Next(raw.Pending.Count())));
            await h.PassAsync();
            if (await workers.RunOneAsync()) { idle = 0; continue; }
            if (raw.Pending.Any()) { raw.Land(raw.Pending.First()); continue; }
            await using (var meta = await h.Dbs.CreateDbContextAsync())
                if (!await meta.Runs.AnyAsync(r => r.State == RunState.Queued || r.State == RunState.Running) && ++idle >= 3) return;
            h.Clock.Advance(TimeSpan.FromMinutes(20));
        }
        throw new TimeoutException("the scheduler never became idle");
    }

    private static async Task AssertAllRunsSucceededAsync(SchedulerHarness h, string story)
    {
        foreach (var run in await h.RunsAsync())
            Assert.True(run.State == RunState.Success,
                $"{story}: run {run.Id} ({run.Kind}) of {run.LogicalDate:yyyy-MM-dd} is {run.State}");
    }

    private static async Task AssertStudyDaysFinalAsync(SchedulerHarness h, RawArrivals raw, string story)
    {
        await using var meta = await h.Dbs.CreateDbContextAsync();
        var dag = await h.Dags.GetCurrentAsync(DagId, CancellationToken.None);
        var judge = await h.Get<Orchestrated.Server.Reports.PartitionLedger>().JudgeAsync(meta, dag, raw.First, CancellationToken.None);
        for (var d = raw.First; d <= raw.LastStudyDay; d = d.AddDays(1))
            foreach (var (dataset, _) in dag.Partitions.Produced)
            {
                var status = judge.StatusOf(dataset, d);
                Assert.True(status.State == PartitionState.Final,
                    $"{story}: {dataset} {d:yyyy-MM-dd} is {PartitionStatus.Name(status.State)}: "
                    + string.Join("; ", status.Changed.Select(c => c.What).Concat(status.MissingInputs).Concat(status.ProvisionalInputs)));
            }
    }
}
