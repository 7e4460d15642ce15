using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Orchestrated.Contracts;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Operations;
using Orchestrated.Server.Scheduling;
using Orchestrated.Server.Tests.Support;
using Orchestrated.Workflows.Runs;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Server.Tests.Scheduling;

/// <summary>The scheduler and the task state machine on a fake clock; run once per metadata database.</summary>
public abstract class SchedulerTests
{
    protected abstract Task<TestDatabase> DatabaseAsync();

    private const string Ingest = "ingest_raw_events", Clean = "clean_events", Sessions = "compute_sessions",
        Stats = "compute_daily_session_stats", Reconcile = "reconcile_live_sessions";
    private static readonly DateTimeOffset March4At3 = new(2026, 3, 4, 3, 0, 0, TimeSpan.Zero);

    /// <summary>A harness on a fresh database; disposing it drops both.</summary>
    private sealed class Scenario(TestDatabase db, SchedulerHarness harness) : IAsyncDisposable
    {
        public TestDatabase Db => db;
        public SchedulerHarness H => harness;

        public async ValueTask DisposeAsync()
        {
            await harness.DisposeAsync();
            await db.DisposeAsync();
        }
    }

    private async Task<Scenario> StartAsync(Action<JsonObject>? dag = null, DateTimeOffset? now = null,
        Action<SchedulerOptions>? options = null)
    {
        var db = await DatabaseAsync();
        return new Scenario(db, await SchedulerHarness.StartAsync(db, TestDags.SessionDuration(dag), now ?? March4At3, options));
    }

    /// <summary>One manual run, started, with its first task dispatched.</summary>
    private static async Task<long> TriggerAsync(SchedulerHarness h, DateOnly? date = null)
    {
        var run = await h.Runs.TriggerAsync("session_duration", date ?? new DateOnly(2026, 3, 2), null, null, CancellationToken.None);
        await h.Scheduler.StartQueuedRunsAsync(CancellationToken.None);
        return run.Id;
    }

    private static Action<JsonObject> Paused => j => j["paused_on_creation"] = true;

    /// <summary>A start date in the future: the cron creates nothing, so a test's runs are the ones it triggers.</summary>
    private static Action<JsonObject> Unscheduled => j => j["start_date"] = "2030-01-01";

    [Fact]
    public async Task Catchup_creates_one_run_per_missed_interval_and_never_fires_twice()
    {
        await using var scenario = await StartAsync();
        var (db, h) = (scenario.Db, scenario.H);
        await h.PassAsync();
        await h.PassAsync();
        await h.AdvanceAsync(TimeSpan.FromHours(1));
        var runs = await h.RunsAsync();
        Assert.Equal([new(2026, 3, 1), new(2026, 3, 2), new DateOnly(2026, 3, 3)], runs.Select(r => r.LogicalDate));
        Assert.All(runs, r => Assert.Equal(RunKind.Scheduled, r.Kind));
        Assert.Equal(["scheduled__2026-03-01", "scheduled__2026-03-02", "scheduled__2026-03-03"], runs.Select(r => r.RunKey));

        // A second scheduler on the same database (a replica that lost track of the cron) creates nothing more.
        await using var other = await SchedulerHarness.StartAsync(db, TestDags.SessionDuration(), March4At3);
        await using (var meta = await h.Dbs.CreateDbContextAsync())
            await meta.Dags.ExecuteUpdateAsync(s => s.SetProperty(d => d.LastScheduledDate, (DateOnly?)null));
        await other.PassAsync();
        Assert.Equal(3, (await h.RunsAsync()).Count);

        await h.AdvanceAsync(TimeSpan.FromDays(1));
        Assert.Equal(new DateOnly(2026, 3, 4), (await h.RunsAsync()).Max(r => r.LogicalDate));
    }

    [Fact]
    public async Task Without_catchup_only_the_latest_interval_gets_a_run()
    {
        await using var scenario = await StartAsync(j => j["catchup"] = false);
        var h = scenario.H;
        await h.PassAsync();
        Assert.Equal([new DateOnly(2026, 3, 3)], (await h.RunsAsync()).Select(r => r.LogicalDate));
    }

    [Fact]
    public async Task Max_active_runs_holds_later_runs_queued_while_the_running_one_works()
    {
        await using var scenario = await StartAsync(j => j["max_active_runs"] = 1);
        var h = scenario.H;
        await h.PassAsync();
        var runs = await h.RunsAsync();
        Assert.Equal([RunState.Running, RunState.Queued, RunState.Queued], runs.Select(r => r.State));
        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.Equal([RunState.Running, RunState.Queued, RunState.Queued], (await h.RunsAsync()).Select(r => r.State));
    }

    [Fact]
    public async Task A_run_waiting_for_the_next_dates_data_gives_its_slot_to_that_date_and_every_task_runs_after_what_it_reads()
    {
        await using var scenario = await StartAsync(j => j["max_active_runs"] = 1);
        var h = scenario.H;
        await h.PassAsync();
        var first = (await h.RunsAsync())[0];
        await h.CompleteAsync(first.Id, Ingest);
        // clean of 03-01 reads arrival 03-02 (late events), which the queued run of 03-02 ingests: it waits, and says so.
        var clean = await h.TaskAsync(first.Id, Clean);
        Assert.Equal(TaskState.Waiting, clean.State);
        Assert.StartsWith("bronze_events 2026-03-02 (ingest_raw_events of run ", clean.WaitingFor);
        await h.PassAsync();
        Assert.Equal([RunState.Running, RunState.Running, RunState.Queued], (await h.RunsAsync()).Select(r => r.State));

        async Task AtMostOneRunWorks()
        {
            await using var db = await h.Dbs.CreateDbContextAsync();
            var busy = await db.TaskInstances.AsNoTracking()
                .Where(t => t.State == TaskState.Queued || t.State == TaskState.Running || t.State == TaskState.Scheduled)
                .Select(t => t.RunId).Distinct().CountAsync();
            Assert.True(busy <= 1, $"{busy} runs have tasks on their way under max_active_runs 1");
        }
        var order = await h.DriveAsync(AtMostOneRunWorks);
        Assert.All(await h.RunsAsync(), r => Assert.Equal(RunState.Success, r.State));
        order.Insert(0, (first.LogicalDate, Ingest));
        int At(DateOnly d, string task) => order.IndexOf((d, task));
        foreach (var d in (await h.RunsAsync()).Select(r => r.LogicalDate))
        {
            if (At(d.AddDays(1), Ingest) >= 0)
                Assert.True(At(d, Clean) > At(d.AddDays(1), Ingest), $"clean {d} ran before the ingest of the next arrival");
            foreach (var neighbour in new[] { d.AddDays(-1), d.AddDays(1) })
                if (At(neighbour, Clean) >= 0)
                    Assert.True(At(d, Sessions) > At(neighbour, Clean), $"sessionize {d} ran before clean {neighbour}");
        }
    }

    [Fact]
    public async Task A_run_dispatches_its_tasks_in_dependency_order_with_their_params()
    {
        await using var scenario = await StartAsync(Unscheduled);
        var h = scenario.H;
        var runId = await TriggerAsync(h);
        Assert.Equal([Ingest], h.Sent().Select(s => s.TaskId));
        await h.CompleteAsync(runId, Ingest);
        await h.CompleteAsync(runId, Clean);
        var sessions = h.Sent().Single(s => s.TaskId == Sessions);
        Assert.Equal("sessionize", sessions.Step);
        Assert.Equal("30m", sessions.Params["inactivity_gap"]);
        Assert.Equal(new DateOnly(2026, 3, 2), sessions.LogicalDate);
        await h.CompleteAsync(runId, Sessions);
        await h.CompleteAsync(runId, Reconcile);
        await h.CompleteAsync(runId, Stats);
        Assert.Equal(RunState.Success, (await h.RunsAsync()).Single().State);
        Assert.Equal([Ingest, Clean, Sessions, Reconcile, Stats], h.Sent().Select(s => s.TaskId));
    }

    [Fact]
    public async Task Failed_tries_are_retried_after_exponential_backoff_then_fail_the_task_and_raise_one_alert()
    {
        await using var scenario = await StartAsync(Unscheduled);
        var h = scenario.H;
        var runId = await TriggerAsync(h);

        var first = await h.CurrentTryAsync(runId, Ingest);
        await h.StartAsync(first.Id);
        await h.FailAsync(first.Id);
        var task = await h.TaskAsync(runId, Ingest);
        Assert.Equal(TaskState.UpForRetry, task.State);
        Assert.Equal(h.Clock.GetUtcNow().UtcDateTime.AddSeconds(30), task.RetryAt);

        await h.AdvanceAsync(TimeSpan.FromSeconds(29));
        Assert.Single(await h.TriesAsync(runId, Ingest));
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));
        var second = await h.CurrentTryAsync(runId, Ingest);
        Assert.Equal((2, TryKind.Retry, TaskState.Queued), (second.Number, second.Kind, second.State));

        await h.StartAsync(second.Id);
        await h.FailAsync(second.Id);
        Assert.Equal(h.Clock.GetUtcNow().UtcDateTime.AddSeconds(60), (await h.TaskAsync(runId, Ingest)).RetryAt);
        await h.AdvanceAsync(TimeSpan.FromSeconds(60));
        var third = await h.CurrentTryAsync(runId, Ingest);
        await h.StartAsync(third.Id);
        await h.FailAsync(third.Id, "still no raw events");
        await h.Scheduler.AdvanceRunsAsync([runId], CancellationToken.None);

        Assert.Equal(TaskState.Failed, (await h.TaskAsync(runId, Ingest)).State);
        Assert.Equal(3, (await h.TriesAsync(runId, Ingest)).Count(t => t.State == TaskState.Failed));
        var states = await h.StatesAsync(runId);
        Assert.Equal(TaskState.UpstreamFailed, states[Clean]);
        Assert.Equal(TaskState.UpstreamFailed, states[Stats]);
        Assert.Equal(RunState.Failed, (await h.RunsAsync()).Single().State);
        var alert = Assert.Single(await h.AlertsAsync());
        Assert.Equal(AlertKind.TaskFailed, alert.Kind);
        Assert.Contains("still no raw events", alert.Message);
        Assert.Contains("3 tries", alert.Message);
    }

    [Fact]
    public async Task A_failure_retrying_cannot_help_fails_at_once()
    {
        await using var scenario = await StartAsync(Unscheduled);
        var h = scenario.H;
        var runId = await TriggerAsync(h);
        var attempt = await h.CurrentTryAsync(runId, Ingest);
        await h.FailAsync(attempt.Id, "Data-quality checks failed", retryable: false);
        Assert.Equal(TaskState.Failed, (await h.TaskAsync(runId, Ingest)).State);
        Assert.Single(await h.AlertsAsync());
    }

    [Fact]
    public async Task A_try_past_its_execution_timeout_fails_and_counts_against_the_task_retries()
    {
        await using var scenario = await StartAsync(Unscheduled, options: o => o.HeartbeatTimeout = TimeSpan.FromHours(1));
        var h = scenario.H;
        var runId = await TriggerAsync(h);
        var attempt = await h.CurrentTryAsync(runId, Ingest);
        await h.StartAsync(attempt.Id);
        await h.AdvanceAsync(TimeSpan.FromMinutes(10));
        Assert.Equal(TaskState.Running, (await h.TaskAsync(runId, Ingest)).State);
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));
        var task = await h.TaskAsync(runId, Ingest);
        Assert.Equal((TaskState.UpForRetry, 1, 0), (task.State, task.FailedTries, task.InfrastructureRetries));
        Assert.Equal("TimedOut", (await h.TriesAsync(runId, Ingest)).Single().ErrorType);
    }

    [Fact]
    public async Task A_dead_worker_is_detected_and_its_try_redispatched_as_an_infrastructure_retry()
    {
        await using var scenario = await StartAsync(Unscheduled);
        var h = scenario.H;
        var runId = await TriggerAsync(h);
        var lost = await h.CurrentTryAsync(runId, Ingest);
        await h.StartAsync(lost.Id, worker: "worker-killed");
        await h.Reports.HeartbeatAsync(new TaskTryHeartbeat(lost.Id, "worker-killed", h.Clock.GetUtcNow().AddSeconds(10), 0.5),
            CancellationToken.None);
        await h.AdvanceAsync(TimeSpan.FromSeconds(35));
        Assert.Equal(TaskState.Running, (await h.TaskAsync(runId, Ingest)).State);
        await h.AdvanceAsync(TimeSpan.FromSeconds(6));

        var tries = await h.TriesAsync(runId, Ingest);
        Assert.Equal(2, tries.Count);
        Assert.Equal((TaskState.Failed, "WorkerLost"), (tries[0].State, tries[0].ErrorType));
        Assert.Equal((TryKind.Infrastructure, TaskState.Queued), (tries[1].Kind, tries[1].State));
        var task = await h.TaskAsync(runId, Ingest);
        Assert.Equal((0, 1), (task.FailedTries, task.InfrastructureRetries));
        Assert.Equal(2, h.Sent().Count(s => s.TaskId == Ingest));
    }

    [Fact]
    public async Task A_lost_dispatch_is_sent_again()
    {
        await using var scenario = await StartAsync(Unscheduled);
        var h = scenario.H;
        var runId = await TriggerAsync(h);
        await h.AdvanceAsync(TimeSpan.FromMinutes(5));
        Assert.Single(await h.TriesAsync(runId, Ingest));
        await h.AdvanceAsync(TimeSpan.FromSeconds(1));
        var tries = await h.TriesAsync(runId, Ingest);
        Assert.Equal(["DispatchLost", null], tries.Select(t => t.ErrorType));
        Assert.Equal(TryKind.Infrastructure, tries[1].Kind);
    }

    [Fact]
    public async Task Reports_of_a_stale_try_are_ignored()
    {
        await using var scenario = await StartAsync(Unscheduled);
        var h = scenario.H;
        var runId = await TriggerAsync(h);
        var stale = await h.CurrentTryAsync(runId, Ingest);
        await h.StartAsync(stale.Id);
        await h.AdvanceAsync(TimeSpan.FromSeconds(31)); // no heartbeat: re-dispatched
        var current = await h.CurrentTryAsync(runId, Ingest);
        Assert.NotEqual(stale.Id, current.Id);

        await h.FailAsync(stale.Id, retryable: false);
        await h.SucceedAsync(stale.Id);
        var task = await h.TaskAsync(runId, Ingest);
        Assert.Equal((TaskState.Queued, current.Id, 0), (task.State, task.CurrentTryId!.Value, task.FailedTries));
        Assert.Empty(await h.AlertsAsync());

        await h.StartAsync(current.Id, "worker-b");
        await h.SucceedAsync(current.Id, worker: "worker-b");
        Assert.Equal(TaskState.Success, (await h.TaskAsync(runId, Ingest)).State);
    }

    [Fact]
    public async Task A_report_delivered_twice_counts_once()
    {
        await using var scenario = await StartAsync(Unscheduled);
        var h = scenario.H;
        var runId = await TriggerAsync(h);
        var attempt = await h.CurrentTryAsync(runId, Ingest);
        await h.StartAsync(attempt.Id);
        await h.SucceedAsync(attempt.Id);
        await h.Scheduler.AdvanceRunsAsync([runId], CancellationToken.None);
        await h.StartAsync(attempt.Id);
        await h.SucceedAsync(attempt.Id);
        await h.FailAsync(attempt.Id);
        await h.Scheduler.AdvanceRunsAsync([runId], CancellationToken.None);
        Assert.Equal(TaskState.Success, (await h.TaskAsync(runId, Ingest)).State);
        Assert.Equal(TaskState.Success, Assert.Single(await h.TriesAsync(runId, Ingest)).State);
        Assert.Single(await h.TriesAsync(runId, Clean));
        Assert.Single(h.Sent(), s => s.TaskId == Clean);
    }

    [Fact]
    public async Task Work_handed_back_by_a_stopping_worker_is_redispatched_at_once_without_using_a_retry()
    {
        await using var scenario = await StartAsync(Unscheduled);
        var h = scenario.H;
        var runId = await TriggerAsync(h);
        var attempt = await h.CurrentTryAsync(runId, Ingest);
        await h.StartAsync(attempt.Id);
        await h.FailAsync(attempt.Id, "worker shut down", retryable: true, abandoned: true);
        var task = await h.TaskAsync(runId, Ingest);
        Assert.Equal((TaskState.Queued, 0, 1), (task.State, task.FailedTries, task.InfrastructureRetries));
        Assert.Equal(2, h.Sent().Count(s => s.TaskId == Ingest));
    }

    [Fact]
    public async Task An_sla_miss_fires_once_for_a_date_without_any_run()
    {
        await using var scenario = await StartAsync(Paused, now: new DateTimeOffset(2026, 3, 3, 7, 0, 0, TimeSpan.Zero));
        var h = scenario.H;
        await h.Runs.SetPausedAsync("session_duration", false, CancellationToken.None);
        await h.Sla.CheckAsync(h.Clock.GetUtcNow(), CancellationToken.None);
        await h.Sla.CheckAsync(h.Clock.GetUtcNow(), CancellationToken.None);
        Assert.Empty(await h.RunsAsync());
        var alerts = await h.AlertsAsync();
        // Due: 2026-03-01 at 03-02 06:00 and 2026-03-02 at 03-03 06:00; 03-03 is not due until 03-04 06:00.
        Assert.Equal([new(2026, 3, 1), new DateOnly(2026, 3, 2)], alerts.Select(a => a.LogicalDate!.Value).Order());
        Assert.All(alerts, a => Assert.Equal(AlertKind.SlaMiss, a.Kind));
        Assert.Contains("due at 2026-03-03 06:00", alerts.Single(a => a.LogicalDate == new DateOnly(2026, 3, 2)).Message);
    }

    [Fact]
    public async Task No_sla_miss_for_a_date_whose_final_output_is_committed_before_the_deadline()
    {
        await using var scenario = await StartAsync(Paused, now: new DateTimeOffset(2026, 3, 3, 5, 0, 0, TimeSpan.Zero));
        var h = scenario.H;
        await h.Runs.SetPausedAsync("session_duration", false, CancellationToken.None);
        var runId = await TriggerAsync(h, new DateOnly(2026, 3, 2));
        foreach (var task in new[] { Ingest, Clean, Sessions, Reconcile, Stats }) await h.CompleteAsync(runId, task);
        h.Clock.Advance(TimeSpan.FromHours(2));
        await h.Sla.CheckAsync(h.Clock.GetUtcNow(), CancellationToken.None);
        Assert.Equal([new DateOnly(2026, 3, 1)], (await h.AlertsAsync()).Select(a => a.LogicalDate!.Value));
    }

    [Fact]
    public async Task A_task_running_past_its_sla_raises_one_alert_and_keeps_running()
    {
        await using var scenario = await StartAsync(Unscheduled, options: o => o.HeartbeatTimeout = TimeSpan.FromHours(1));
        var h = scenario.H;
        var runId = await TriggerAsync(h);
        var attempt = await h.CurrentTryAsync(runId, Ingest);
        await h.StartAsync(attempt.Id);
        h.Clock.Advance(TimeSpan.FromMinutes(21));
        await h.Sla.CheckAsync(h.Clock.GetUtcNow(), CancellationToken.None);
        await h.Sla.CheckAsync(h.Clock.GetUtcNow(), CancellationToken.None);
        var alert = Assert.Single(await h.AlertsAsync());
        Assert.Equal(AlertKind.TaskSlaMiss, alert.Kind);
        Assert.Equal(TaskState.Running, (await h.TaskAsync(runId, Ingest)).State);
    }

    [Fact]
    public async Task The_lease_passes_to_another_replica_only_when_the_leader_stops_renewing()
    {
        await using var scenario = await StartAsync(Paused);
        var h = scenario.H;
        var a = new LeaderLease(h.Dbs, h.Clock, "replica-a");
        var b = new LeaderLease(h.Dbs, h.Clock, "replica-b");
        Assert.True(await a.TryAcquireAsync(TimeSpan.FromSeconds(15), CancellationToken.None));
        Assert.False(await b.TryAcquireAsync(TimeSpan.FromSeconds(15), CancellationToken.None));
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await a.TryAcquireAsync(TimeSpan.FromSeconds(15), CancellationToken.None)); // renewed to +25 s
        h.Clock.Advance(TimeSpan.FromSeconds(14));
        Assert.False(await b.TryAcquireAsync(TimeSpan.FromSeconds(15), CancellationToken.None));
        h.Clock.Advance(TimeSpan.FromSeconds(2)); // a crashed: its lease has expired
        Assert.True(await b.TryAcquireAsync(TimeSpan.FromSeconds(15), CancellationToken.None));
        Assert.False(await a.TryAcquireAsync(TimeSpan.FromSeconds(15), CancellationToken.None));
        await b.ReleaseAsync(CancellationToken.None);
        Assert.True(await a.TryAcquireAsync(TimeSpan.FromSeconds(15), CancellationToken.None));
    }

    [Fact]
    public async Task A_backfill_runs_under_its_own_concurrency_and_a_dry_run_creates_nothing()
    {
        await using var scenario = await StartAsync(Paused);
        var h = scenario.H;
        var request = new BackfillRequest(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 3), ReprocessMode.Missing, 2, DryRun: true, null);
        var dry = await h.Backfills.CreateAsync("session_duration", request, CancellationToken.None);
        Assert.Null(dry.Backfill);
        Assert.Equal(3, dry.Plan.Count(p => p.Action == BackfillAction.Run));
        Assert.Empty(await h.RunsAsync());

        var created = await h.Backfills.CreateAsync("session_duration", request with { DryRun = false }, CancellationToken.None);
        await h.PassAsync();
        var runs = await h.RunsAsync();
        Assert.Equal([RunState.Running, RunState.Running, RunState.Queued], runs.Select(r => r.State));
        Assert.All(runs, r => Assert.Equal((RunKind.Backfill, created.Backfill!.Id), (r.Kind, r.BackfillId!.Value)));

        async Task AtMostTwoRunsWork()
        {
            await using var db = await h.Dbs.CreateDbContextAsync();
            var busy = await db.TaskInstances.AsNoTracking().Where(t => t.State == TaskState.Queued || t.State == TaskState.Running)
                .Select(t => t.RunId).Distinct().CountAsync();
            Assert.True(busy <= 2, $"{busy} runs of the backfill have tasks on their way at a concurrency of 2");
        }
        await h.DriveAsync(AtMostTwoRunsWork);
        await using var meta = await h.Dbs.CreateDbContextAsync();
        Assert.Equal(BackfillState.Completed, (await meta.Backfills.SingleAsync()).State);
        Assert.All(await h.RunsAsync(), r => Assert.Equal(RunState.Success, r.State));
    }

    [Fact]
    public async Task Cancelling_a_backfill_leaves_no_run_queued_or_running()
    {
        await using var scenario = await StartAsync(Paused);
        var h = scenario.H;
        var created = await h.Backfills.CreateAsync("session_duration",
            new BackfillRequest(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 5), ReprocessMode.All, 2, false, null),
            CancellationToken.None);
        await h.PassAsync();
        var running = (await h.RunsAsync()).First(r => r.State == RunState.Running);
        var attempt = await h.CurrentTryAsync(running.Id, Ingest);
        await h.StartAsync(attempt.Id);

        await h.Backfills.CancelAsync(created.Backfill!.Id, CancellationToken.None);
        await h.SucceedAsync(attempt.Id); // the running try still reports; nothing new is dispatched
        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.All(await h.RunsAsync(), r => Assert.Equal(RunState.Cancelled, r.State));
        var states = await h.StatesAsync(running.Id);
        Assert.Equal(TaskState.Success, states[Ingest]);
        Assert.Equal(TaskState.Skipped, states[Clean]);
        Assert.DoesNotContain(h.Sent(), s => s.TaskId == Clean);
    }

    [Fact]
    public async Task Clearing_a_failed_task_runs_it_and_its_downstream_again_and_fences_off_old_tries()
    {
        await using var scenario = await StartAsync(Unscheduled);
        var h = scenario.H;
        var runId = await TriggerAsync(h);
        await h.CompleteAsync(runId, Ingest);
        var failed = await h.CurrentTryAsync(runId, Clean);
        await h.FailAsync(failed.Id, "bad input", retryable: false);
        await h.Scheduler.AdvanceRunsAsync([runId], CancellationToken.None);
        Assert.Equal(RunState.Failed, (await h.RunsAsync()).Single().State);

        var cleared = await h.Runs.ClearAsync(runId, Clean, downstream: true, CancellationToken.None);
        Assert.Equal([Clean, Sessions, Reconcile, Stats], cleared);
        await h.Scheduler.AdvanceRunsAsync([runId], CancellationToken.None);
        Assert.Equal(RunState.Running, (await h.RunsAsync()).Single().State);
        var again = await h.CurrentTryAsync(runId, Clean);
        Assert.Equal((2, TryKind.Cleared), (again.Number, again.Kind));
        await h.SucceedAsync(failed.Id); // the old try cannot change the cleared task
        Assert.Equal(TaskState.Queued, (await h.TaskAsync(runId, Clean)).State);

        foreach (var task in new[] { Clean, Sessions, Reconcile, Stats }) await h.CompleteAsync(runId, task);
        Assert.Equal(RunState.Success, (await h.RunsAsync()).Single().State);
    }

    [Fact]
    public async Task Marking_a_failed_task_success_lets_the_run_continue()
    {
        await using var scenario = await StartAsync(Unscheduled);
        var h = scenario.H;
        var runId = await TriggerAsync(h);
        var attempt = await h.CurrentTryAsync(runId, Ingest);
        await h.FailAsync(attempt.Id, "x", retryable: false);
        await h.Scheduler.AdvanceRunsAsync([runId], CancellationToken.None);
        // Downstream tasks were upstream_failed: clearing them is how they run again, so clear without marking first.
        await h.Runs.MarkAsync(runId, Ingest, TaskState.Success, CancellationToken.None);
        await h.Runs.ClearAsync(runId, Clean, downstream: true, CancellationToken.None);
        await h.Scheduler.AdvanceRunsAsync([runId], CancellationToken.None);
        Assert.Equal(TaskState.Queued, (await h.TaskAsync(runId, Clean)).State);
    }

    [Fact]
    public async Task A_trigger_validates_param_overrides_and_refuses_a_second_active_run_of_a_date()
    {
        await using var scenario = await StartAsync(Unscheduled);
        var h = scenario.H;
        var bad = new Dictionary<string, Dictionary<string, System.Text.Json.JsonElement>>
        {
            [Sessions] = new() { ["inactivity_gap"] = Json("\"ten minutes\""), ["colour"] = Json("\"red\"") },
            ["enrich"] = new() { ["x"] = Json("1") },
        };
        var e = await Assert.ThrowsAsync<OperationException>(() =>
            h.Runs.TriggerAsync("session_duration", new DateOnly(2026, 3, 2), bad, null, CancellationToken.None));
        Assert.Equal(OperationError.Invalid, e.Error);
        Assert.Equal(3, e.Details.Count);
        Assert.Contains(e.Details, d => d.StartsWith("params.compute_sessions.inactivity_gap:"));

        var good = new Dictionary<string, Dictionary<string, System.Text.Json.JsonElement>>
        {
            [Sessions] = new() { ["inactivity_gap"] = Json("\"45m\"") },
        };
        var run = await h.Runs.TriggerAsync("session_duration", new DateOnly(2026, 3, 2), good, "late data", CancellationToken.None);
        await h.Scheduler.StartQueuedRunsAsync(CancellationToken.None);
        var conflict = await Assert.ThrowsAsync<OperationException>(() =>
            h.Runs.TriggerAsync("session_duration", new DateOnly(2026, 3, 2), null, null, CancellationToken.None));
        Assert.Equal(OperationError.Conflict, conflict.Error);

        await h.CompleteAsync(run.Id, Ingest);
        await h.CompleteAsync(run.Id, Clean);
        Assert.Equal("45m", h.Sent().Single(s => s.TaskId == Sessions).Params["inactivity_gap"]);
    }

    [Fact]
    public async Task A_new_definition_version_is_used_by_the_next_run_and_recorded_on_it()
    {
        await using var scenario = await StartAsync(Unscheduled);
        var h = scenario.H;
        var first = await TriggerAsync(h, new DateOnly(2026, 3, 1));
        var version = await h.Dags.SaveAsync("session_duration",
            TestDags.SessionDuration(j => { Unscheduled(j); j["tasks"]![0]!["retries"] = 0; }),
            "api", "no retries for ingest", onlyIfChanged: true, CancellationToken.None);
        Assert.Equal(2, version);
        var second = await TriggerAsync(h, new DateOnly(2026, 3, 2));
        var runs = await h.RunsAsync();
        Assert.Equal([1, 2], runs.Select(r => r.DagVersion));

        var attempt = await h.CurrentTryAsync(second, Ingest);
        await h.FailAsync(attempt.Id); // retryable, but version 2 allows no retry
        Assert.Equal(TaskState.Failed, (await h.TaskAsync(second, Ingest)).State);
        var old = await h.CurrentTryAsync(first, Ingest);
        await h.FailAsync(old.Id); // version 1 still retries
        Assert.Equal(TaskState.UpForRetry, (await h.TaskAsync(first, Ingest)).State);
    }

    private static System.Text.Json.JsonElement Json(string text) => System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
}
