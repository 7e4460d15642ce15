using Orchestrated.Storage.Layout;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrated.Contracts;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Operations;
using Orchestrated.Server.Tests.Support;
using Orchestrated.Workflows.Partitions;
using Orchestrated.Workflows.Runs;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Server.Tests.Scheduling;

/// <summary>
/// Late data through the scheduler and the ledger on both metadata databases, with the steps' reports written by hand:
/// the re-runs of stale dates, what they run and why, the window, the backfill of stale dates, the SLA on final.
/// </summary>
public abstract class LateDataTests
{
    protected abstract Task<TestDatabase> DatabaseAsync();

    private const string Ingest = "ingest_raw_events", Clean = "clean_events", Sessions = "compute_sessions",
        Stats = "compute_daily_session_stats", Reconcile = "reconcile_live_sessions";
    private static readonly DateOnly D = new(2026, 3, 2);

    private static ObjectVersion Part(string prefix, DateOnly date, string version) =>
        new($"{prefix}/date={date:yyyy-MM-dd}/part-00000.parquet", 10, version);
    private static ObjectVersion Bronze(DateOnly d, string v) => Part("bronze/events", d, v);
    private static ObjectVersion Silver(DateOnly d, string v) => Part("silver/events", d, v);
    private static ObjectVersion SessionsOf(DateOnly d, string v) => Part("silver/sessions", d, v);

    private static StepReport Report(string step, DateOnly date, IEnumerable<ObjectVersion> inputs, ObjectVersion output,
        params DateOnly[] holds) =>
        new() { Step = step, Date = date, RowsWritten = 10, Inputs = inputs.ToList(), Outputs = [output], ContentDates = holds };

    private sealed class Scenario(TestDatabase db, SchedulerHarness harness) : IAsyncDisposable
    {
        public SchedulerHarness H => harness;

        public async ValueTask DisposeAsync()
        {
            await harness.DisposeAsync();
            await db.DisposeAsync();
        }
    }

    private async Task<Scenario> StartAsync(Action<JsonObject>? dag = null, DateTimeOffset? now = null)
    {
        var db = await DatabaseAsync();
        var json = TestDags.SessionDuration(j =>
        {
            j["start_date"] = "2030-01-01";
            dag?.Invoke(j);
        });
        return new Scenario(db, await SchedulerHarness.StartAsync(db, json, now ?? new DateTimeOffset(2026, 3, 5, 3, 0, 0, TimeSpan.Zero)));
    }

    /// <summary>
    /// A whole run of <paramref name="date"/>, each step reporting what it read and wrote; arrival holds <paramref name="holds"/>.
    /// </summary>
    private static async Task<long> RunDateAsync(SchedulerHarness h, DateOnly date, string version, params DateOnly[] holds)
    {
        var run = await h.Runs.TriggerAsync("session_duration", date, null, null, CancellationToken.None);
        await h.Scheduler.StartQueuedRunsAsync(CancellationToken.None);
        await h.CompleteAsync(run.Id, Ingest, Report("ingest", date, [], Bronze(date, version), [date, .. holds]));
        await h.CompleteAsync(run.Id, Clean, Report("clean", date, [Bronze(date, version)], Silver(date, version)));
        await h.CompleteAsync(run.Id, Sessions, Report("sessionize", date, [Silver(date, version)], SessionsOf(date, version)));
        await h.CompleteAsync(run.Id, Reconcile,
            Report("reconcile", date, [SessionsOf(date, version)], Part("gold/live_reconciliation", date, version)));
        await h.CompleteAsync(run.Id, Stats,
            Report("aggregate", date, [SessionsOf(date, version)], Part("gold/session_daily_stats", date, version)));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        return run.Id;
    }

    [Fact]
    public async Task An_arrival_holding_late_events_re_runs_their_date_from_clean_down_and_the_run_says_why()
    {
        await using var scenario = await StartAsync();
        var h = scenario.H;
        await RunDateAsync(h, D, "a");
        Assert.Equal(["bronze_events 2026-03-03"], (await h.PartitionAsync(Dataset.SilverEvents.Name, D)).MissingInputs);
        await RunDateAsync(h, D.AddDays(1), "b", holds: D);

        Assert.Equal(PartitionState.Stale, (await h.PartitionAsync(Dataset.SilverEvents.Name, D)).State);
        await h.PassAsync();
        var rerun = Assert.Single(await h.RunsAsync(), r => r.Kind == RunKind.Rerun);
        Assert.Equal(D, rerun.LogicalDate);
        Assert.Equal("clean_events,compute_sessions,reconcile_live_sessions,compute_daily_session_stats", rerun.SelectedTasks);
        Assert.Equal("stale — silver_events: bronze_events 2026-03-03 holds data of 2026-03-02", rerun.Note);
        // Ingest is not run again: bronze keeps its version, so nothing else goes stale.
        var states = await h.StatesAsync(rerun.Id);
        Assert.Equal(TaskState.Skipped, states[Ingest]);
        Assert.Equal(TaskState.Queued, states[Clean]);

        await h.PassAsync();
        Assert.Single(await h.RunsAsync(), r => r.Kind == RunKind.Rerun); // in flight: not planned twice
        await h.CompleteAsync(rerun.Id, Clean, Report("clean", D, [Bronze(D, "a"), Bronze(D.AddDays(1), "b")], Silver(D, "a2")));
        await h.CompleteAsync(rerun.Id, Sessions, Report("sessionize", D, [Silver(D, "a2")], SessionsOf(D, "a2")));
        await h.CompleteAsync(rerun.Id, Reconcile,
            Report("reconcile", D, [SessionsOf(D, "a2")], Part("gold/live_reconciliation", D, "a2")));
        await h.CompleteAsync(rerun.Id, Stats, Report("aggregate", D, [SessionsOf(D, "a2")], Part("gold/session_daily_stats", D, "a2")));
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.PassAsync();
        Assert.Equal(RunState.Success, (await h.RunsAsync()).Single(r => r.Id == rerun.Id).State);
        Assert.Single(await h.RunsAsync(), r => r.Kind == RunKind.Rerun);
        Assert.Equal(PartitionState.Final, (await h.PartitionAsync(Dataset.SilverEvents.Name, D)).State);
    }

    [Fact]
    public async Task Late_stream_events_re_run_their_arrival_then_their_date_and_are_recorded_once()
    {
        await using var scenario = await StartAsync();
        var h = scenario.H;
        await RunDateAsync(h, D, "a");
        await RunDateAsync(h, D.AddDays(1), "b");
        var ledger = new Orchestrated.Server.Streaming.LateEventLedger(h.Dbs, h.Clock);
        Orchestrated.Execution.Streaming.LateEventFile[] files =
            [new("late/events/date=2026-03-02/part-p000-a.jsonl", D, D.AddDays(1), 3)];
        await ledger.RecordAsync(files, CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await ledger.RecordAsync(files, CancellationToken.None); // the stream read again: one record, its first time kept

        var silver = await h.PartitionAsync(Dataset.SilverEvents.Name, D);
        Assert.Equal(PartitionState.Stale, silver.State);
        Assert.Equal("bronze_events 2026-03-03", Assert.Single(silver.Changed).Awaits);
        Assert.Equal(PartitionState.Stale, (await h.PartitionAsync(Dataset.Bronze.Name, D.AddDays(1))).State);

        // The arrival first: D's re-run would read what it read.
        await h.PassAsync();
        var arrival = Assert.Single(await h.RunsAsync(), r => r.Kind == RunKind.Rerun);
        Assert.Equal((D.AddDays(1), "stale — bronze_events: raw_events 2026-03-03 received 3 late stream events"),
            (arrival.LogicalDate, arrival.Note));
        await h.CompleteAsync(arrival.Id, Ingest, Report("ingest", D.AddDays(1), [], Bronze(D.AddDays(1), "b2"), [D.AddDays(1), D]));
        await h.CompleteAsync(arrival.Id, Clean, Report("clean", D.AddDays(1), [Bronze(D.AddDays(1), "b2")], Silver(D.AddDays(1), "b2")));
        await h.CompleteAsync(arrival.Id, Sessions, Report("sessionize", D.AddDays(1), [Silver(D.AddDays(1), "b2")],
            SessionsOf(D.AddDays(1), "b2")));
        await h.CompleteAsync(arrival.Id, Reconcile, Report("reconcile", D.AddDays(1), [SessionsOf(D.AddDays(1), "b2")],
            Part("gold/live_reconciliation", D.AddDays(1), "b2")));
        await h.CompleteAsync(arrival.Id, Stats, Report("aggregate", D.AddDays(1), [SessionsOf(D.AddDays(1), "b2")],
            Part("gold/session_daily_stats", D.AddDays(1), "b2")));
        h.Clock.Advance(TimeSpan.FromMinutes(1));

        // Then the date, now that its arrival holds the late events.
        await h.PassAsync();
        await h.PassAsync();
        var date = Assert.Single(await h.RunsAsync(), r => r.Kind == RunKind.Rerun && r.LogicalDate == D);
        Assert.Equal("stale — silver_events: bronze_events 2026-03-03 holds data of 2026-03-02", date.Note);
        Assert.Empty((await h.PartitionAsync(Dataset.Bronze.Name, D.AddDays(1))).Changed);
    }

    [Theory]
    [InlineData("off", 1, false)]
    [InlineData("3d", 3, true)]
    [InlineData("3d", 4, false)]
    public async Task Only_data_late_by_at_most_the_window_re_runs_by_itself(string window, int lateBy, bool reruns)
    {
        await using var scenario = await StartAsync(j => j["rerun_stale_within"] = window);
        var h = scenario.H;
        await RunDateAsync(h, D, "a");
        await RunDateAsync(h, D.AddDays(lateBy), "b", holds: D);
        await h.PassAsync();
        Assert.Equal(reruns, (await h.RunsAsync()).Any(r => r.Kind == RunKind.Rerun));
        Assert.Equal(PartitionState.Stale, (await h.PartitionAsync(Dataset.SilverEvents.Name, D)).State);
    }

    [Fact]
    public async Task A_paused_dag_re_runs_nothing_by_itself()
    {
        await using var scenario = await StartAsync();
        var h = scenario.H;
        await RunDateAsync(h, D, "a");
        await RunDateAsync(h, D.AddDays(1), "b", holds: D);
        await h.Runs.SetPausedAsync("session_duration", true, CancellationToken.None);
        await h.PassAsync();
        Assert.DoesNotContain(await h.RunsAsync(), r => r.Kind == RunKind.Rerun);
    }

    [Fact]
    public async Task A_backfill_of_stale_dates_runs_only_the_tasks_below_what_went_stale()
    {
        await using var scenario = await StartAsync(j => j["rerun_stale_within"] = "off");
        var h = scenario.H;
        await RunDateAsync(h, D, "a");
        await RunDateAsync(h, D.AddDays(1), "b", holds: D);
        var created = await h.Backfills.CreateAsync("session_duration",
            new BackfillRequest(D.AddDays(-1), D.AddDays(1), ReprocessMode.Stale, 2, DryRun: false, null), CancellationToken.None);
        Assert.Equal([D], created.Plan.Where(p => p.Action == BackfillAction.Run).Select(p => p.Date));
        var run = Assert.Single(await h.RunsAsync(), r => r.BackfillId == created.Backfill!.Id);
        Assert.Equal("clean_events,compute_sessions,reconcile_live_sessions,compute_daily_session_stats", run.SelectedTasks);
    }

    /// <summary>SLAs are checked from the start date on (no pass runs here, so the schedule creates nothing).</summary>
    private static void FinalBy2Days(JsonObject dag)
    {
        dag["final_deadline"] = "2d";
        dag["start_date"] = "2026-03-01";
    }

    [Fact]
    public async Task A_date_not_final_by_its_final_deadline_raises_one_alert_naming_what_it_waits_for()
    {
        await using var scenario = await StartAsync(FinalBy2Days, now: new DateTimeOffset(2026, 3, 3, 3, 0, 0, TimeSpan.Zero));
        var h = scenario.H;
        await RunDateAsync(h, D, "a");
        h.Clock.Advance(TimeSpan.FromDays(1)); // past 03-02 + 2 d
        await h.Sla.CheckAsync(h.Clock.GetUtcNow(), CancellationToken.None);
        await h.Sla.CheckAsync(h.Clock.GetUtcNow(), CancellationToken.None);
        var alert = Assert.Single(await h.AlertsAsync(), a => a.Kind == AlertKind.FinalSlaMiss && a.LogicalDate == D);
        Assert.Contains("was due final at 2026-03-04 00:00 UTC; it is provisional, waiting for bronze_events 2026-03-03", alert.Message);
    }

    [Fact]
    public async Task A_date_final_before_its_final_deadline_raises_nothing()
    {
        await using var scenario = await StartAsync(FinalBy2Days, now: new DateTimeOffset(2026, 3, 3, 3, 0, 0, TimeSpan.Zero));
        var h = scenario.H;
        await RunDateAsync(h, D, "a");
        await RunDateAsync(h, D.AddDays(1), "b");
        h.Clock.Advance(TimeSpan.FromDays(1));
        await h.Sla.CheckAsync(h.Clock.GetUtcNow(), CancellationToken.None);
        Assert.DoesNotContain(await h.AlertsAsync(), a => a.Kind == AlertKind.FinalSlaMiss && a.LogicalDate == D);
    }
}
