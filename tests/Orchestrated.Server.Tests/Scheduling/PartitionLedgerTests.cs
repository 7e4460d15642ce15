using Microsoft.EntityFrameworkCore;
using Orchestrated.Contracts;
using Orchestrated.Server.Operations;
using Orchestrated.Server.Reports;
using Orchestrated.Server.Tests.Support;
using Orchestrated.Workflows.Partitions;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Server.Tests.Scheduling;

public class PartitionLedgerTests
{
    private static readonly DateOnly D = new(2026, 3, 2);

    private static StepReport Report(string step, IEnumerable<ObjectVersion> inputs, params ObjectVersion[] outputs) =>
        new() { Step = step, Date = D, RowsWritten = 10, Inputs = inputs.ToList(), Outputs = outputs };

    private static ObjectVersion Bronze(string version) => new("bronze/events/date=2026-03-02/part-00000.parquet", 100, version);
    private static ObjectVersion Silver(string version) => new("silver/events/date=2026-03-02/part-00000.parquet", 80, version);

    [Fact]
    public async Task A_partition_becomes_stale_when_an_input_it_read_is_rewritten_and_a_stale_backfill_targets_its_date()
    {
        await using var db = TestDatabase.Sqlite();
        await using var h = await SchedulerHarness.StartAsync(db, TestDags.SessionDuration(j => j["start_date"] = "2030-01-01"),
            new DateTimeOffset(2026, 3, 4, 3, 0, 0, TimeSpan.Zero));
        var run = await h.Runs.TriggerAsync("session_duration", D, null, null, CancellationToken.None);
        await h.Scheduler.StartQueuedRunsAsync(CancellationToken.None);
        await h.CompleteAsync(run.Id, "ingest_raw_events",
            Report("ingest", [new("raw/events/date=2026-03-02/a.jsonl", 5, "r1")], Bronze("b1")));
        await h.CompleteAsync(run.Id, "clean_events", Report("clean", [Bronze("b1")], Silver("s1")));

        Assert.Empty((await h.PartitionAsync("silver_events", D)).Changed);
        await using (var meta = await h.Dbs.CreateDbContextAsync())
            Assert.Equal(PartitionLedger.Fingerprint([Bronze("b1")]),
                (await meta.Partitions.SingleAsync(p => p.Dataset == "silver_events")).InputFingerprint);

        await h.CompleteAsync(run.Id, "compute_sessions");
        await h.CompleteAsync(run.Id, "reconcile_live_sessions");
        await h.CompleteAsync(run.Id, "compute_daily_session_stats");

        // Ingest re-runs (late events arrived): bronze gets a new version; silver was built from the old one.
        await h.Runs.ClearAsync(run.Id, "ingest_raw_events", downstream: false, CancellationToken.None);
        await h.Scheduler.AdvanceRunsAsync([run.Id], CancellationToken.None);
        await h.CompleteAsync(run.Id, "ingest_raw_events", Report("ingest", [], Bronze("b2")));
        Assert.Equal(Orchestrated.Workflows.Runs.RunState.Success, (await h.RunsAsync()).Single().State);
        var stale = await h.PartitionAsync("silver_events", D);
        Assert.Equal(PartitionState.Stale, stale.State);
        Assert.Equal(["bronze_events 2026-03-02 rewritten"], stale.Changed.Select(c => c.What));
        var plan = await h.Backfills.CreateAsync("session_duration",
            new BackfillRequest(D.AddDays(-1), D.AddDays(1), ReprocessMode.Stale, 1, DryRun: true, null), CancellationToken.None);
        Assert.Equal([D], plan.Plan.Where(p => p.Action == BackfillAction.Run).Select(p => p.Date));
    }

    [Fact]
    public async Task Sessions_computed_before_the_next_day_arrived_are_provisional_and_become_stale_when_it_does()
    {
        await using var db = TestDatabase.Sqlite();
        await using var h = await SchedulerHarness.StartAsync(db, TestDags.SessionDuration(j => j["start_date"] = "2030-01-01"),
            new DateTimeOffset(2026, 3, 4, 3, 0, 0, TimeSpan.Zero));
        var nextDay = new ObjectVersion("silver/events/date=2026-03-03/part-00000.parquet", 0, "absent");
        var run = await h.Runs.TriggerAsync("session_duration", D, null, null, CancellationToken.None);
        await h.Scheduler.StartQueuedRunsAsync(CancellationToken.None);
        await h.CompleteAsync(run.Id, "ingest_raw_events", Report("ingest", [], Bronze("b1")));
        await h.CompleteAsync(run.Id, "clean_events", Report("clean", [Bronze("b1")], Silver("s1")));
        await h.CompleteAsync(run.Id, "compute_sessions",
            Report("sessionize", [Silver("s1"), nextDay],
                new ObjectVersion("silver/sessions/date=2026-03-02/part-00000.parquet", 10, "x1")));

        var provisional = await h.PartitionAsync("sessions", D);
        Assert.Equal(PartitionState.Provisional, provisional.State);
        Assert.Contains("silver_events 2026-03-03", provisional.MissingInputs);

        // The next day is cleaned: its silver partition now exists.
        var next = await h.Runs.TriggerAsync("session_duration", D.AddDays(1), null, null, CancellationToken.None);
        await h.Scheduler.StartQueuedRunsAsync(CancellationToken.None);
        await h.CompleteAsync(next.Id, "ingest_raw_events",
            Report("ingest", [], new ObjectVersion("bronze/events/date=2026-03-03/part-00000.parquet", 5, "b3")));
        await h.CompleteAsync(next.Id, "clean_events", Report("clean", [], nextDay with { Version = "s3", Size = 70 }));

        var stale = await h.PartitionAsync("sessions", D);
        Assert.Equal(PartitionState.Stale, stale.State);
        Assert.Equal(["silver_events 2026-03-03 arrived"], stale.Changed.Select(c => c.What));
    }
}
