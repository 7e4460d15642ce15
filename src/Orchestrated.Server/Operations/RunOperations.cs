using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Scheduling;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Operations;

/// <summary>What operators do to runs: trigger, clear, mark, pause. Each change wakes the scheduler.</summary>
public sealed class RunOperations(IDbContextFactory<MetadataDb> dbs, DagCatalog dags, SchedulerSignal signal, TimeProvider clock)
{
    public async Task<DagRunRecord> TriggerAsync(string dagId, DateOnly logicalDate,
        IReadOnlyDictionary<string, Dictionary<string, JsonElement>>? overrides, string? note, CancellationToken ct)
    {
        var dag = await CurrentAsync(dagId, ct);
        if (logicalDate < new DateOnly(2000, 1, 1) || logicalDate > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(366))
            throw new OperationException(OperationError.Invalid, $"logicalDate {logicalDate:yyyy-MM-dd} is out of range.");
        var (paramsJson, errors) = RunParams.Validate(dags.Loader.Catalog, dag.Definition, overrides);
        if (errors.Count > 0) throw new OperationException(OperationError.Invalid, "Invalid params.", errors);
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Runs.AnyAsync(r => r.DagId == dagId && r.LogicalDate == logicalDate
            && (r.State == RunState.Queued || r.State == RunState.Running), ct))
            throw new OperationException(OperationError.Conflict,
                $"{dagId} already has a queued or running run for {logicalDate:yyyy-MM-dd}.");
        var now = clock.GetUtcNow();
        var run = RunFactory.Create(dag, logicalDate, RunKind.Manual, RunKeys.Manual(logicalDate, now), paramsJson, backfillId: null, now);
        run.Note = note;
        db.Runs.Add(run);
        await db.SaveChangesAsync(ct);
        signal.Notify(run.Id);
        return run;
    }

    /// <summary>
    /// Clears a task (and optionally everything downstream of it) so it runs again; a finished run runs again.
    /// Tries still out there are fenced off: the task forgets its current try.
    /// </summary>
    public async Task<IReadOnlyList<string>> ClearAsync(long runId, string taskId, bool downstream, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var run = await db.Runs.SingleOrDefaultAsync(r => r.Id == runId, ct)
            ?? throw new OperationException(OperationError.NotFound, $"No run {runId}.");
        var dag = await dags.GetAsync(run.DagId, run.DagVersion, ct);
        if (dag.Definition.Tasks.All(t => t.Id != taskId))
            throw new OperationException(OperationError.NotFound, $"Run {runId} has no task '{taskId}'.");
        var cleared = downstream ? dag.Definition.WithDownstream(taskId) : [taskId];
        var tasks = await db.TaskInstances.Where(t => t.RunId == runId && cleared.Contains(t.TaskId)).ToListAsync(ct);
        if (tasks.Count == 0)
            throw new OperationException(OperationError.Conflict, $"Run {runId} has not started: there is nothing to clear.");
        if (await db.Runs.AnyAsync(r => r.Id != runId && r.DagId == run.DagId && r.LogicalDate == run.LogicalDate
            && r.State == RunState.Running, ct))
            throw new OperationException(OperationError.Conflict,
                $"Another run of {run.LogicalDate:yyyy-MM-dd} is running; clear after it finishes.");
        foreach (var task in tasks)
        {
            task.State = TaskState.None;
            task.CurrentTryId = null;
            task.FailedTries = 0;
            task.InfrastructureRetries = 0;
            task.RetryAt = null;
            task.EndedAt = null;
            task.SlaMissed = false;
            task.WaitingFor = null;
        }
        // Tasks below the cleared ones that were upstream_failed because of them run again too.
        if (!downstream)
            foreach (var task in await db.TaskInstances.Where(t => t.RunId == runId && t.State == TaskState.UpstreamFailed).ToListAsync(ct))
                task.State = TaskState.None;
        run.State = RunState.Running;
        run.EndedAt = null;
        await SaveAsync(db, ct);
        signal.Notify(runId);
        return cleared;
    }

    public async Task MarkAsync(long runId, string taskId, TaskState state, CancellationToken ct)
    {
        if (state is not (TaskState.Success or TaskState.Failed))
            throw new OperationException(OperationError.Invalid, "A task can be marked success or failed.");
        await using var db = await dbs.CreateDbContextAsync(ct);
        var run = await db.Runs.SingleOrDefaultAsync(r => r.Id == runId, ct)
            ?? throw new OperationException(OperationError.NotFound, $"No run {runId}.");
        var task = await db.TaskInstances.SingleOrDefaultAsync(t => t.RunId == runId && t.TaskId == taskId, ct)
            ?? throw new OperationException(OperationError.NotFound, $"Run {runId} has no started task '{taskId}'.");
        task.State = state;
        task.WaitingFor = null;
        task.CurrentTryId = null; // a try still running can no longer change what the operator decided
        task.RetryAt = null;
        task.EndedAt = clock.GetUtcNow().UtcDateTime;
        if (run.State.IsFinished() && run.State != RunState.Cancelled)
        {
            run.State = RunState.Running; // re-evaluated: marking a failed task success can let the run succeed
            run.EndedAt = null;
        }
        await SaveAsync(db, ct);
        signal.Notify(runId);
    }

    public async Task SetPausedAsync(string dagId, bool paused, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var dag = await db.Dags.FindAsync([dagId], ct) ?? throw new OperationException(OperationError.NotFound, $"No DAG '{dagId}'.");
        dag.Paused = paused;
        await db.SaveChangesAsync(ct);
        signal.Notify();
    }

    private async Task<DagVersion> CurrentAsync(string dagId, CancellationToken ct)
    {
        try { return await dags.GetCurrentAsync(dagId, ct); }
        catch (KeyNotFoundException e) { throw new OperationException(OperationError.NotFound, e.Message); }
    }

    private static async Task SaveAsync(MetadataDb db, CancellationToken ct)
    {
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            throw new OperationException(OperationError.Conflict, "The run changed while the request was made; try again.");
        }
    }
}
