using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Reports;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Scheduling;

/// <summary>Time-based task work: retries whose backoff has passed, and tries that timed out, lost their worker or their message.</summary>
public sealed class TryWatch(
    IDbContextFactory<MetadataDb> dbs,
    DagCatalog dags,
    TryDispatcher dispatcher,
    TaskFailures failures,
    SchedulerOptions options,
    SchedulerSignal signal,
    ILogger<TryWatch> logger)
{
    public async Task RetryDueTasksAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var due = await db.TaskInstances.Where(t => t.State == TaskState.UpForRetry && t.RetryAt <= now.UtcDateTime).ToListAsync(ct);
        var dispatches = new List<PendingDispatch>();
        foreach (var task in due)
        {
            var run = await db.Runs.SingleAsync(r => r.Id == task.RunId, ct);
            if (run.State != RunState.Running) continue;
            var dag = await dags.GetAsync(run.DagId, run.DagVersion, ct);
            dispatches.Add(dispatcher.Prepare(db, dag, run, task, TryKind.Retry));
        }
        if (await TrySaveAsync(db, ct)) await dispatcher.SendAsync(dispatches, ct);
    }

    public async Task CheckTriesAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var active = await db.TaskInstances.Where(t => t.State == TaskState.Queued || t.State == TaskState.Running).ToListAsync(ct);
        if (active.Count == 0) return;
        // One query each for the current tries and their runs: this runs on every full pass.
        var tryIds = active.Where(t => t.CurrentTryId != null).Select(t => t.CurrentTryId!.Value).ToList();
        var tries = await db.Tries.Where(t => tryIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var runIds = active.Select(t => t.RunId).Distinct().ToList();
        var runs = await db.Runs.Where(r => runIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        var dispatches = new List<PendingDispatch>();
        var changedRuns = new HashSet<long>();
        foreach (var task in active)
        {
            if (task.CurrentTryId is not { } tryId || !tries.TryGetValue(tryId, out var attempt)) continue;
            var run = runs[task.RunId];
            var dag = await dags.GetAsync(run.DagId, run.DagVersion, ct);
            var verdict = TryWatchdog.Check(attempt.State, Utc(attempt.QueuedAt), Utc(attempt.StartedAt), Utc(attempt.LastHeartbeatAt),
                dag.Definition.Task(task.TaskId).Settings.ExecutionTimeout, options.Watchdog, now);
            if (verdict == TryVerdict.Healthy) continue;
            var (cause, error) = verdict switch
            {
                TryVerdict.TimedOut => (FailureCause.Task, $"timed out after {dag.Definition.Task(task.TaskId).Settings.ExecutionTimeout}"),
                TryVerdict.WorkerLost => (FailureCause.Infrastructure, $"worker {attempt.Worker} stopped sending heartbeats"),
                _ => (FailureCause.Infrastructure, $"queued for over {options.QueuedTimeout} without a worker starting it"),
            };
            logger.LogWarning("try {Try} of {Task} for {Date:yyyy-MM-dd}: {Error}", attempt.Id, task.TaskId, task.LogicalDate, error);
            attempt.State = TaskState.Failed;
            attempt.Error = error;
            attempt.ErrorType = verdict.ToString();
            attempt.EndedAt = now.UtcDateTime;
            TryExecutions.LoseRunning(attempt, now.UtcDateTime, error);
            if (failures.Apply(db, dag, run, task, cause, error) is { } retry) dispatches.Add(retry);
            changedRuns.Add(run.Id);
        }
        if (await TrySaveAsync(db, ct))
        {
            await dispatcher.SendAsync(dispatches, ct);
            foreach (var run in changedRuns) signal.Notify(run);
        }
    }

    private async Task<bool> TrySaveAsync(MetadataDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // A report arrived for one of these tasks meanwhile; the next pass sees the new state.
            return false;
        }
    }

    private static DateTimeOffset Utc(DateTime value) => new(value, TimeSpan.Zero);

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? new DateTimeOffset(v, TimeSpan.Zero) : null;
}
