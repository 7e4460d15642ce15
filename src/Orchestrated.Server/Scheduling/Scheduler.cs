using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Alerts;
using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Workflows.Runs;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Server.Scheduling;

/// <summary>
/// One pass of the scheduler: load state, ask the pure planners what to do, do it. Runs only on the lease holder.
/// Time-based work (cron, due retries, the watchdog, SLAs) happens on full passes; completions advance just their run.
/// </summary>
public sealed class Scheduler(
    IDbContextFactory<MetadataDb> dbs,
    DagCatalog dags,
    TryDispatcher dispatcher,
    TryWatch watch,
    SlaMonitor sla,
    SchedulerSignal signal,
    TimeProvider clock,
    ILogger<Scheduler> logger)
{
    public async Task RunPassAsync(bool full, IReadOnlyCollection<long> dirtyRuns, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (full)
        {
            await CreateScheduledRunsAsync(now, ct);
            await watch.RetryDueTasksAsync(now, ct);
            await watch.CheckTriesAsync(now, ct);
        }
        await StartQueuedRunsAsync(ct);
        await AdvanceRunsAsync(full ? null : dirtyRuns, ct);
        if (full) await sla.CheckAsync(now, ct);
    }

    /// <summary>A run per interval the cron has passed since the last scheduled one (only the latest without catchup).</summary>
    public async Task CreateScheduledRunsAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        foreach (var record in await db.Dags.Where(d => !d.Paused).ToListAsync(ct))
        {
            var dag = await dags.GetAsync(record.DagId, record.CurrentVersion, ct);
            var due = dag.Schedule.DueLogicalDates(dag.Definition.StartDate, record.LastScheduledDate, now, dag.Definition.Catchup);
            if (due.Count == 0) continue;
            var keys = due.Select(RunKeys.Scheduled).ToList();
            var existing = await db.Runs.Where(r => r.DagId == record.DagId && keys.Contains(r.RunKey)).Select(r => r.RunKey).ToListAsync(ct);
            foreach (var date in due.Where(d => !existing.Contains(RunKeys.Scheduled(d))))
                db.Runs.Add(RunFactory.Create(dag, date, RunKind.Scheduled, RunKeys.Scheduled(date), "{}", backfillId: null, now));
            record.LastScheduledDate = due[^1];
            try
            {
                await db.SaveChangesAsync(ct);
                logger.LogInformation("scheduled {Count} run(s) of {Dag}: {From:yyyy-MM-dd} … {To:yyyy-MM-dd}", due.Count, record.DagId, due[0], due[^1]);
            }
            catch (DbUpdateException e)
            {
                // The unique run key refused a duplicate: another scheduler got there first. Nothing fires twice.
                logger.LogWarning("scheduled runs of {Dag} not created: {Error}", record.DagId, e.InnerException?.Message ?? e.Message);
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Queued runs start, oldest logical date first, while the DAG (or their backfill) has free slots.</summary>
    public async Task StartQueuedRunsAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var queued = await db.Runs.Where(r => r.State == RunState.Queued).OrderBy(r => r.LogicalDate).ThenBy(r => r.Id).ToListAsync(ct);
        if (queued.Count == 0) return;
        // Every queued run is judged against this one load of the running ones (and the runs started in this pass).
        var running = await db.Runs.Where(r => r.State == RunState.Running).Select(r => new { r.DagId, r.BackfillId, r.LogicalDate }).ToListAsync(ct);
        var backfillIds = queued.Where(r => r.BackfillId != null).Select(r => r.BackfillId!.Value).Distinct().ToList();
        var backfills = await db.Backfills.Where(b => backfillIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
        var started = new List<DagRunRecord>();
        foreach (var run in queued)
        {
            var dagRecord = await db.Dags.FindAsync([run.DagId], ct);
            if (dagRecord is null) continue;
            bool hasSlot;
            if (run.BackfillId is { } backfillId)
            {
                var backfill = backfills[backfillId];
                hasSlot = running.Count(r => r.BackfillId == backfillId) < backfill.MaxConcurrentRuns;
            }
            else
            {
                if (dagRecord.Paused) continue;
                var dag = await dags.GetAsync(run.DagId, run.DagVersion, ct);
                hasSlot = running.Count(r => r.DagId == run.DagId && r.BackfillId == null) < dag.Definition.MaxActiveRuns;
            }
            if (!hasSlot) continue;
            // Two runs of one date at once would write the same partitions: the later one waits.
            if (running.Any(r => r.DagId == run.DagId && r.LogicalDate == run.LogicalDate)) continue;
            var version = await dags.GetAsync(run.DagId, run.DagVersion, ct);
            run.State = RunState.Running;
            run.StartedAt = clock.GetUtcNow().UtcDateTime;
            foreach (var task in version.Definition.Tasks)
                db.TaskInstances.Add(new TaskInstanceRecord { RunId = run.Id, DagId = run.DagId, TaskId = task.Id, LogicalDate = run.LogicalDate, State = TaskState.None });
            running.Add(new { run.DagId, run.BackfillId, run.LogicalDate });
            started.Add(run);
        }
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
            logger.LogInformation("run {Run} of {Dag} for {Date:yyyy-MM-dd} started ({Kind})", run.Id, run.DagId, run.LogicalDate, run.Kind);
            signal.Notify(run.Id);
        }
        await AdvanceRunsAsync(started.Select(r => r.Id).ToList(), ct);
    }

    /// <summary>Schedules tasks whose upstream succeeded, fails tasks below a failure, finishes runs that are done.</summary>
    public async Task AdvanceRunsAsync(IReadOnlyCollection<long>? runIds, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var query = db.Runs.Where(r => r.State == RunState.Running);
        if (runIds is not null) query = query.Where(r => runIds.Contains(r.Id));
        foreach (var run in await query.ToListAsync(ct))
            await AdvanceAsync(db, run, ct);
    }

    private async Task AdvanceAsync(MetadataDb db, DagRunRecord run, CancellationToken ct)
    {
        var dag = await dags.GetAsync(run.DagId, run.DagVersion, ct);
        var tasks = await db.TaskInstances.Where(t => t.RunId == run.Id).ToListAsync(ct);
        var progress = RunProgress.Of(dag.Definition, tasks.ToDictionary(t => t.TaskId, t => t.State));
        var dispatches = new List<PendingDispatch>();
        foreach (var taskId in progress.ToSchedule)
        {
            var task = tasks.Single(t => t.TaskId == taskId);
            dispatches.Add(dispatcher.Prepare(db, dag, run, task, task.TryCount == 0 ? TryKind.First : TryKind.Cleared));
        }
        foreach (var taskId in progress.ToMarkUpstreamFailed)
        {
            var task = tasks.Single(t => t.TaskId == taskId);
            task.State = TaskState.UpstreamFailed;
            task.EndedAt = clock.GetUtcNow().UtcDateTime;
        }
        if (progress.Finished is { } finished)
        {
            run.State = finished;
            run.EndedAt = clock.GetUtcNow().UtcDateTime;
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A report or an operator changed this run meanwhile: look again with fresh state.
            db.ChangeTracker.Clear();
            signal.Notify(run.Id);
            return;
        }
        await dispatcher.SendAsync(dispatches, ct);
        if (progress.Finished is { } state)
        {
            logger.LogInformation("run {Run} of {Dag} for {Date:yyyy-MM-dd} finished: {State}", run.Id, run.DagId, run.LogicalDate, state);
            Orchestrated.Execution.Telemetry.OrchestratedTelemetry.RunsFinished.Add(1, new KeyValuePair<string, object?>("kind", run.Kind.ToString()),
                new KeyValuePair<string, object?>("state", state.ToString()));
            if (run.BackfillId is { } backfillId) await BackfillProgress.CompleteIfDoneAsync(db, backfillId, clock, ct);
            signal.Notify(); // a slot is free: queued runs may start
        }
    }
}

public static class RunKeys
{
    public static string Scheduled(DateOnly date) => $"scheduled__{date:yyyy-MM-dd}";

    public static string Manual(DateOnly date, DateTimeOffset at) => $"manual__{date:yyyy-MM-dd}__{at:yyyyMMddTHHmmssfff}";

    public static string Backfill(long backfillId, DateOnly date) => $"backfill__{backfillId}__{date:yyyy-MM-dd}";
}

public static class RunFactory
{
    public static DagRunRecord Create(DagVersion dag, DateOnly date, RunKind kind, string key, string paramsJson, long? backfillId, DateTimeOffset now) => new()
    {
        DagId = dag.Definition.Id,
        RunKey = key,
        LogicalDate = date,
        // Partitions are UTC dates: a run's data interval is its UTC day, whatever the schedule's time zone.
        DataIntervalStart = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        DataIntervalEnd = date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        Kind = kind,
        State = RunState.Queued,
        DagVersion = dag.Version,
        ParamsJson = paramsJson,
        BackfillId = backfillId,
        CreatedAt = now.UtcDateTime,
    };
}

public static class BackfillProgress
{
    public static async Task CompleteIfDoneAsync(MetadataDb db, long backfillId, TimeProvider clock, CancellationToken ct)
    {
        var backfill = await db.Backfills.FindAsync([backfillId], ct);
        if (backfill is null || backfill.State != BackfillState.Running) return;
        if (await db.Runs.AnyAsync(r => r.BackfillId == backfillId && (r.State == RunState.Queued || r.State == RunState.Running), ct)) return;
        backfill.State = BackfillState.Completed;
        backfill.EndedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
    }
}
