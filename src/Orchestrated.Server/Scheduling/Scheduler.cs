using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Alerts;
using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Workflows.Partitions;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Scheduling;

/// <summary>
/// One pass of the scheduler: load state, ask the pure planners what to do, do it. Runs only on the lease holder.
/// Time-based work (cron, due retries, the watchdog, re-runs of stale dates, SLAs) happens on full passes;
/// completions advance just their run and the runs waiting for partitions of other dates.
/// </summary>
public sealed class Scheduler(
    IDbContextFactory<MetadataDb> dbs,
    DagCatalog dags,
    TryDispatcher dispatcher,
    TryWatch watch,
    Reruns reruns,
    SlaMonitor sla,
    SchedulerSignal signal,
    TimeProvider clock,
    ILogger<Scheduler> logger)
{
    public async Task RunPassAsync(bool full, IReadOnlyCollection<long> dirtyRuns, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // Each phase runs even when another failed: a broken SLA check must not stop cron, retries or the watchdog.
        Task<bool> Phase(string what, Func<Task> work) => Isolation.RunAsync(logger, what, work, ct);
        if (full)
        {
            await Phase("creating scheduled runs", () => CreateScheduledRunsAsync(now, ct));
            await Phase("retrying due tasks", () => watch.RetryDueTasksAsync(now, ct));
            await Phase("watching tries", () => watch.CheckTriesAsync(now, ct));
            await Phase("planning re-runs", () => reruns.PlanAsync(now, ct));
            await Phase("completing backfills", async () =>
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                await BackfillProgress.CompleteFinishedAsync(db, clock, ct);
            });
        }
        await Phase("starting queued runs", () => StartQueuedRunsAsync(ct));
        await Phase("advancing runs", () => AdvanceRunsAsync(full ? null : dirtyRuns, ct));
        if (full) await Phase("checking SLAs", () => sla.CheckAsync(now, ct));
    }

    /// <summary>A run per interval the cron has passed since the last scheduled one (only the latest without catchup).</summary>
    public async Task CreateScheduledRunsAsync(DateTimeOffset now, CancellationToken ct)
    {
        List<string> dagIds;
        await using (var db = await dbs.CreateDbContextAsync(ct))
            dagIds = await db.Dags.Where(d => !d.Paused).Select(d => d.DagId).ToListAsync(ct);
        foreach (var dagId in dagIds)
            await Isolation.RunAsync(logger, $"scheduling {dagId}", () => ScheduleAsync(dagId, now, ct), ct);
    }

    /// <summary>One DAG's due runs, in a unit of work of its own: a DAG that cannot be scheduled leaves the others' runs intact.</summary>
    private async Task ScheduleAsync(string dagId, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var record = await db.Dags.SingleOrDefaultAsync(d => d.DagId == dagId && !d.Paused, ct);
        if (record is null) return; // paused or removed meanwhile
        var dag = await dags.GetAsync(record.DagId, record.CurrentVersion, ct);
        var due = dag.Schedule.DueLogicalDates(dag.Definition.StartDate, record.LastScheduledDate, now, dag.Definition.Catchup);
        if (due.Count == 0) return;
        var keys = due.Select(RunKeys.Scheduled).ToList();
        var existing =
            await db.Runs.Where(r => r.DagId == record.DagId && keys.Contains(r.RunKey)).Select(r => r.RunKey).ToListAsync(ct);
        foreach (var date in due.Where(d => !existing.Contains(RunKeys.Scheduled(d))))
            db.Runs.Add(RunFactory.Create(dag, date, RunKind.Scheduled, RunKeys.Scheduled(date), "{}", backfillId: null, now));
        record.LastScheduledDate = due[^1];
        try
        {
            await db.SaveChangesAsync(ct);
            logger.LogInformation("scheduled {Count} run(s) of {Dag}: {From:yyyy-MM-dd} … {To:yyyy-MM-dd}", due.Count, record.DagId,
                due[0], due[^1]);
        }
        catch (DbUpdateException e)
        {
            // The unique run key refused a duplicate: another scheduler got there first. Nothing fires twice.
            logger.LogWarning("scheduled runs of {Dag} not created: {Error}", record.DagId, e.InnerException?.Message ?? e.Message);
        }
    }

    /// <summary>
    /// Queued runs start, oldest logical date first, while the DAG (or their backfill) has free slots. A running run
    /// whose next tasks all wait for other runs' partitions holds no slot (<see cref="RunSlot"/>).
    /// </summary>
    public async Task StartQueuedRunsAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var queued = await db.Runs.Where(r => r.State == RunState.Queued).OrderBy(r => r.LogicalDate).ThenBy(r => r.Id).ToListAsync(ct);
        if (queued.Count == 0) return;
        // Every queued run is judged against this one load of the running ones (and the runs started in this pass).
        var inFlight = await InFlightRuns.LoadAsync(db, dags, ct);
        var runningDates = (await db.Runs.AsNoTracking().Where(r => r.State == RunState.Running)
            .Select(r => new { r.DagId, r.LogicalDate }).ToListAsync(ct)).Select(r => (r.DagId, r.LogicalDate)).ToHashSet();
        var backfillIds = queued.Where(r => r.BackfillId != null).Select(r => r.BackfillId!.Value).Distinct().ToList();
        var backfills = await db.Backfills.Where(b => backfillIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
        var started = new List<DagRunRecord>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var run in queued)
            await Isolation.RunAsync(logger, $"starting run {run.Id} of {run.DagId}", async () =>
            {
                var dagRecord = await db.Dags.FindAsync([run.DagId], ct);
                if (dagRecord is null) return;
                var limit = run.BackfillId is { } backfillId ? backfills[backfillId].MaxConcurrentRuns
                    : (await dags.GetAsync(run.DagId, dagRecord.CurrentVersion, ct)).Definition.MaxActiveRuns;
                var version = await dags.GetAsync(run.DagId, run.DagVersion, ct);
                var dateRunning = runningDates.Contains((run.DagId, run.LogicalDate));
                if (inFlight.TryStart(run, dagRecord.Paused, dateRunning, limit) != Admission.Start) return;
                run.State = RunState.Running;
                run.StartedAt = now;
                foreach (var task in version.Definition.Tasks)
                {
                    // A re-run leaves the tasks above what went stale as they are: skipped, so their outputs keep their versions.
                    var selected = RunSelection.Runs(run.SelectedTasks, task.Id);
                    db.TaskInstances.Add(new TaskInstanceRecord
                    {
                        RunId = run.Id, DagId = run.DagId, TaskId = task.Id, LogicalDate = run.LogicalDate,
                        State = selected ? TaskState.None : TaskState.Skipped, EndedAt = selected ? null : now,
                    });
                }
                runningDates.Add((run.DagId, run.LogicalDate));
                started.Add(run);
            }, ct);
        if (started.Count == 0) return;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e)
        {
            logger.LogWarning("runs not started (changed meanwhile): {Error}", e.Message);
            return;
        }
        foreach (var run in started)
        {
            logger.LogInformation("run {Run} of {Dag} for {Date:yyyy-MM-dd} started ({Kind})", run.Id, run.DagId, run.LogicalDate,
                run.Kind);
            signal.Notify(run.Id);
        }
        await AdvanceRunsAsync(started.Select(r => r.Id).ToList(), ct);
    }

    /// <summary>
    /// Advances the given runs (all running ones with null) and every run with a task waiting for other runs'
    /// partitions: schedules tasks whose upstream succeeded unless what they read is still being written, fails tasks
    /// below a failure, finishes runs that are done.
    /// </summary>
    public async Task AdvanceRunsAsync(IReadOnlyCollection<long>? runIds, CancellationToken ct)
    {
        List<long> ids;
        InFlightRuns inFlight;
        await using (var db = await dbs.CreateDbContextAsync(ct))
        {
            var query = db.Runs.AsNoTracking().Where(r => r.State == RunState.Running);
            if (runIds is not null)
            {
                var waiting = db.TaskInstances.Where(t => t.State == TaskState.Waiting).Select(t => t.RunId);
                query = query.Where(r => runIds.Contains(r.Id) || waiting.Contains(r.Id));
            }
            ids = await query.OrderBy(r => r.LogicalDate).ThenBy(r => r.Id).Select(r => r.Id).ToListAsync(ct);
            if (ids.Count == 0) return;
            inFlight = await InFlightRuns.LoadAsync(db, dags, ct);
        }
        // A context per run: a conflict on one run (a report landed meanwhile) leaves the others' changes intact.
        foreach (var id in ids)
            await Isolation.RunAsync(logger, $"advancing run {id}", async () =>
            {
                await using var db = await dbs.CreateDbContextAsync(ct);
                var run = await db.Runs.SingleOrDefaultAsync(r => r.Id == id && r.State == RunState.Running, ct);
                if (run is not null) await AdvanceAsync(db, run, inFlight, ct);
            }, ct);
    }

    private async Task AdvanceAsync(MetadataDb db, DagRunRecord run, InFlightRuns inFlight, CancellationToken ct)
    {
        var dag = await dags.GetAsync(run.DagId, run.DagVersion, ct);
        var tasks = await db.TaskInstances.Where(t => t.RunId == run.Id).ToListAsync(ct);
        var progress = RunProgress.Of(dag.Definition, tasks.ToDictionary(t => t.TaskId, t => t.State));
        var dispatches = new List<PendingDispatch>();
        foreach (var taskId in progress.ToSchedule)
        {
            var task = tasks.Single(t => t.TaskId == taskId);
            var blockers = BlockersOf(dag, run, taskId, inFlight);
            if (blockers.Count > 0 || !inFlight.TryWork(run.Id))
            {
                task.State = TaskState.Waiting;
                task.WaitingFor = blockers.Count > 0 ? CrossDateWait.Describe(blockers) : inFlight.Describe(run.Id);
                continue;
            }
            task.WaitingFor = null;
            dispatches.Add(dispatcher.Prepare(db, dag, run, task, task.TryCount == 0 ? TryKind.First : TryKind.Cleared));
        }
        foreach (var taskId in progress.ToMarkUpstreamFailed)
        {
            var task = tasks.Single(t => t.TaskId == taskId);
            task.State = TaskState.UpstreamFailed;
            task.WaitingFor = null;
            task.EndedAt = clock.GetUtcNow().UtcDateTime;
        }
        if (progress.Finished is { } finished)
        {
            run.State = finished;
            run.EndedAt = clock.GetUtcNow().UtcDateTime;
        }
        if (!db.ChangeTracker.HasChanges()) return;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A report or an operator changed this run meanwhile: look again with fresh state.
            signal.Notify(run.Id);
            return;
        }
        await dispatcher.SendAsync(dispatches, ct);
        if (progress.Finished is { } state)
        {
            logger.LogInformation("run {Run} of {Dag} for {Date:yyyy-MM-dd} finished: {State}", run.Id, run.DagId, run.LogicalDate, state);
            Orchestrated.Execution.Telemetry.OrchestratedTelemetry.RunsFinished.Add(1,
                new KeyValuePair<string, object?>("kind", run.Kind.ToString()),
                new KeyValuePair<string, object?>("state", state.ToString()));
            signal.Notify(); // a slot is free: queued runs may start; stale dates may re-run; a backfill may be complete
        }
        else if (progress.ToMarkUpstreamFailed.Count > 0) signal.Notify(); // tasks others wait for have ended
    }

    private static IReadOnlyList<Blocker> BlockersOf(DagVersion dag, DagRunRecord run, string taskId, InFlightRuns inFlight)
    {
        if (!dag.Partitions.CrossDate) return [];
        var definition = dag.Definition.Task(taskId);
        var reads = dag.Partitions.Of(definition, RunParams.For(definition, run.ParamsJson));
        return CrossDateWait.BlockersOf(dag.Partitions, reads, run.Id, run.LogicalDate, inFlight.ProducersOf(run.DagId));
    }
}
