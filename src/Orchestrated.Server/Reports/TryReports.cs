using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrated.Contracts;
using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Scheduling;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Reports;

/// <summary>
/// Applies the workers' reports. The try id is the fencing token: a report changes its task only while that try is
/// the task's current one and the task is not finished; anything else (a stale try, a duplicate delivery) is recorded
/// on the try alone and ignored by the task. A try's state is decided once: the first outcome that arrives while it is
/// open decides it, and every execution (<see cref="TryExecutions"/>) is recorded beside it — a late success of an
/// execution the watchdog already gave up on, or a second execution after a redelivery, is shown but changes nothing.
/// </summary>
public sealed class TryReports(
    IDbContextFactory<MetadataDb> dbs,
    DagCatalog dags,
    TryDispatcher dispatcher,
    TaskFailures failures,
    PartitionLedger ledger,
    SchedulerSignal signal,
    ILogger<TryReports> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const int MaxSaveAttempts = 5;

    public Task StartedAsync(TaskTryStarted report, CancellationToken ct) => ApplyAsync(report.TryId, ct, (db, attempt, task, _, _) =>
    {
        TryExecutions.Seen(attempt, report.ExecutionId, report.Worker, report.StartedAt.UtcDateTime);
        if (attempt.State is TaskState.Queued or TaskState.Running)
        {
            attempt.State = TaskState.Running;
            attempt.StartedAt ??= report.StartedAt.UtcDateTime;
            attempt.Worker = report.Worker; // a redelivery to another worker moves the try there
            attempt.LastHeartbeatAt = report.StartedAt.UtcDateTime;
        }
        if (IsCurrent(task, attempt) && task.State == TaskState.Queued)
        {
            task.State = TaskState.Running;
            task.StartedAt ??= report.StartedAt.UtcDateTime;
        }
        return Task.FromResult<PendingDispatch?>(null);
    });

    public Task HeartbeatAsync(TaskTryHeartbeat report, CancellationToken ct) => ApplyAsync(report.TryId, ct, (_, attempt, _, _, _) =>
    {
        TryExecutions.Seen(attempt, report.ExecutionId, report.Worker, report.At.UtcDateTime);
        if (attempt.State is TaskState.Queued or TaskState.Running)
        {
            attempt.State = TaskState.Running;
            attempt.StartedAt ??= report.At.UtcDateTime;
            attempt.Worker = report.Worker;
            attempt.LastHeartbeatAt = report.At.UtcDateTime;
            attempt.Progress = report.Progress;
        }
        return Task.FromResult<PendingDispatch?>(null);
    }, notify: false);

    /// <summary>A success that wrote partitions also asks for a full pass: dates next to what was written may have gone stale.</summary>
    public async Task SucceededAsync(TaskTrySucceeded report, CancellationToken ct)
    {
        await RecordSuccessAsync(report, ct);
        if (report.Report.Outputs.Count > 0) signal.Notify();
    }

    private Task RecordSuccessAsync(TaskTrySucceeded report, CancellationToken ct) =>
        ApplyAsync(report.TryId, ct, async (db, attempt, task, run, _) =>
    {
        var at = report.FinishedAt.UtcDateTime;
        if (attempt.State.IsFinished())
        {
            // Already decided: a duplicate delivery, a second execution, or one the watchdog gave up on. The outputs it
            // wrote are on storage all the same, so the ledger hears of them; the try keeps its state.
            TryExecutions.Ended(attempt, report.ExecutionId, report.Worker, at, TryExecutions.Success, counted: false,
                $"finished after the try was already {attempt.State.Name()}: not counted");
            if (attempt.State != TaskState.Success) await ledger.RecordAsync(db, run, task, attempt, report.Report, ct);
            return null;
        }
        TryExecutions.Ended(attempt, report.ExecutionId, report.Worker, at, TryExecutions.Success, counted: true, null);
        attempt.State = TaskState.Success;
        attempt.Worker = report.Worker;
        attempt.StartedAt ??= report.FinishedAt.UtcDateTime;
        attempt.EndedAt = report.FinishedAt.UtcDateTime;
        attempt.ReportJson = JsonSerializer.Serialize(report.Report, Json);
        attempt.DataQualityJson = JsonSerializer.Serialize(report.Report.DataQuality, Json);
        attempt.Log = string.Join('\n', report.Log);
        attempt.Error = null;
        // Outputs were written whether or not this try is still current: the ledger records what is on storage.
        await ledger.RecordAsync(db, run, task, attempt, report.Report, ct);
        if (IsCurrent(task, attempt) && !task.State.IsFinished())
        {
            task.State = TaskState.Success;
            task.StartedAt ??= attempt.StartedAt;
            task.EndedAt = report.FinishedAt.UtcDateTime;
        }
        else logger.LogInformation("try {Try} of {Task} succeeded but is no longer current: the task keeps its state", attempt.Id,
            task.TaskId);
        return null;
    });

    public Task FailedAsync(TaskTryFailed report, CancellationToken ct) => ApplyAsync(report.TryId, ct, (db, attempt, task, run, dag) =>
    {
        var at = report.FinishedAt.UtcDateTime;
        if (attempt.State.IsFinished())
        {
            TryExecutions.Ended(attempt, report.ExecutionId, report.Worker, at, TryExecutions.Failed, counted: false,
                $"failed after the try was already {attempt.State.Name()}: not counted ({report.Error})");
            return Task.FromResult<PendingDispatch?>(null);
        }
        TryExecutions.Ended(attempt, report.ExecutionId, report.Worker, at, TryExecutions.Failed, counted: true, report.Error);
        attempt.State = TaskState.Failed;
        attempt.Worker = report.Worker;
        attempt.EndedAt = report.FinishedAt.UtcDateTime;
        attempt.Error = report.Error;
        attempt.ErrorType = report.ErrorType;
        attempt.DataQualityJson = JsonSerializer.Serialize(report.DataQuality, Json);
        attempt.Log = string.Join('\n', report.Log);
        if (!IsCurrent(task, attempt) || task.State.IsFinished()) return Task.FromResult<PendingDispatch?>(null);
        var cause = report.Abandoned ? FailureCause.Infrastructure : report.Retryable ? FailureCause.Task : FailureCause.TaskNotRetryable;
        return Task.FromResult(failures.Apply(db, dag, run, task, cause, report.Error));
    });

    private static bool IsCurrent(TaskInstanceRecord task, TaskTryRecord attempt) => task.CurrentTryId == attempt.Id;

    private async Task ApplyAsync(Guid tryId, CancellationToken ct,
        Func<MetadataDb, TaskTryRecord, TaskInstanceRecord, DagRunRecord, DagVersion, Task<PendingDispatch?>> apply, bool notify = true)
    {
        for (var attemptNumber = 1; ; attemptNumber++)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            var attempt = await db.Tries.SingleOrDefaultAsync(t => t.Id == tryId, ct);
            if (attempt is null)
            {
                logger.LogWarning("report for unknown try {Try} ignored", tryId);
                return;
            }
            var task = await db.TaskInstances.SingleAsync(t => t.Id == attempt.TaskInstanceId, ct);
            var run = await db.Runs.SingleAsync(r => r.Id == task.RunId, ct);
            var dag = await dags.GetAsync(run.DagId, run.DagVersion, ct);
            var dispatch = await apply(db, attempt, task, run, dag);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (attemptNumber < MaxSaveAttempts)
            {
                continue; // the scheduler changed the task meanwhile: re-read and decide again
            }
            if (dispatch is not null) await dispatcher.SendAsync([dispatch], ct);
            if (notify) signal.Notify(run.Id);
            return;
        }
    }
}
