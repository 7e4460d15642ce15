using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Reports;
using Orchestrated.Server.Scheduling;
using Orchestrated.Workflows.Partitions;
using Orchestrated.Workflows.Runs;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Server.Operations;

/// <summary>
/// Backfills as first-class objects: planned in one query, created with all their runs in one transaction (a year
/// plans in milliseconds), throttled by their own concurrency, cancelled without stranding a run.
/// </summary>
public sealed class BackfillOperations(IDbContextFactory<MetadataDb> dbs, DagCatalog dags, PartitionLedger ledger, SchedulerSignal signal,
    TimeProvider clock)
{
    public async Task<BackfillPlanned> CreateAsync(string dagId, BackfillRequest request, CancellationToken ct)
    {
        DagVersion dag;
        try { dag = await dags.GetCurrentAsync(dagId, ct); }
        catch (KeyNotFoundException e) { throw new OperationException(OperationError.NotFound, e.Message); }
        if (request.MaxConcurrentRuns is < 1 or > 64)
            throw new OperationException(OperationError.Invalid, "maxConcurrentRuns must be between 1 and 64.");
        var (paramsJson, errors) = RunParams.Validate(dags.Loader.Catalog, dag.Definition, request.Params);
        if (errors.Count > 0) throw new OperationException(OperationError.Invalid, "Invalid params.", errors);

        await using var db = await dbs.CreateDbContextAsync(ct);
        var latest = await LatestRunStatesAsync(db, dagId, request.From, request.To, ct);
        var stale = request.Reprocess == ReprocessMode.Stale ? await StaleTasksAsync(db, dag, request.From, request.To, ct) : null;
        IReadOnlyList<BackfillDate> plan;
        try { plan = BackfillPlanner.Plan(request.From, request.To, request.Reprocess, latest, stale?.Keys.ToHashSet()); }
        catch (ArgumentException e) { throw new OperationException(OperationError.Invalid, e.Message); }
        if (request.DryRun) return new BackfillPlanned(null, plan);

        var now = clock.GetUtcNow();
        var backfill = new BackfillRecord
        {
            DagId = dagId, FromDate = request.From, ToDate = request.To, Reprocess = request.Reprocess,
            MaxConcurrentRuns = request.MaxConcurrentRuns, ParamsJson = paramsJson, CreatedAt = now.UtcDateTime,
            State = plan.Any(p => p.Action == BackfillAction.Run) ? BackfillState.Running : BackfillState.Completed,
            EndedAt = plan.Any(p => p.Action == BackfillAction.Run) ? null : now.UtcDateTime,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Backfills.Add(backfill);
        await db.SaveChangesAsync(ct);
        foreach (var day in plan.Where(p => p.Action == BackfillAction.Run))
        {
            var key = RunKeys.Backfill(backfill.Id, day.Date);
            var run = RunFactory.Create(dag, day.Date, RunKind.Backfill, key, paramsJson, backfill.Id, now);
            // Recomputing what is stale runs only the tasks below it: the partitions above keep their versions.
            run.SelectedTasks = RunSelection.Store(stale?.GetValueOrDefault(day.Date));
            db.Runs.Add(run);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signal.Notify();
        return new BackfillPlanned(backfill, plan);
    }

    /// <summary>Queued runs are cancelled; running runs stop dispatching and end cancelled; nothing is left queued forever.</summary>
    public async Task<BackfillRecord> CancelAsync(long backfillId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var backfill = await db.Backfills.FindAsync([backfillId], ct)
            ?? throw new OperationException(OperationError.NotFound, $"No backfill {backfillId}.");
        if (backfill.State != BackfillState.Running) return backfill;
        var now = clock.GetUtcNow().UtcDateTime;
        var runs = await db.Runs.Where(r => r.BackfillId == backfillId && (r.State == RunState.Queued || r.State == RunState.Running))
            .ToListAsync(ct);
        var runIds = runs.Select(r => r.Id).ToList();
        var tasks = await db.TaskInstances.Where(t => runIds.Contains(t.RunId)).ToListAsync(ct);
        foreach (var run in runs)
        {
            run.State = RunState.Cancelled;
            run.EndedAt = now;
        }
        var notStarted = tasks.Where(t => t.State is TaskState.None or TaskState.Waiting or TaskState.Scheduled or TaskState.UpForRetry);
        foreach (var task in notStarted)
        {
            task.State = TaskState.Skipped;
            task.EndedAt = now;
        }
        backfill.State = BackfillState.Cancelled;
        backfill.EndedAt = now;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            throw new OperationException(OperationError.Conflict, "A run of the backfill changed meanwhile; cancel again.");
        }
        signal.Notify();
        return backfill;
    }

    private static async Task<Dictionary<DateOnly, RunState>> LatestRunStatesAsync(MetadataDb db, string dagId, DateOnly from, DateOnly to,
        CancellationToken ct)
    {
        var runs = await db.Runs.AsNoTracking().Where(r => r.DagId == dagId && r.LogicalDate >= from && r.LogicalDate <= to)
            .Select(r => new { r.LogicalDate, r.Id, r.State }).ToListAsync(ct);
        return runs.GroupBy(r => r.LogicalDate).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Id)!.State);
    }

    /// <summary>For each date with a stale partition: the tasks that wrote one and every task below them, in order.</summary>
    private async Task<Dictionary<DateOnly, IReadOnlyList<string>>> StaleTasksAsync(MetadataDb db, DagVersion dag, DateOnly from,
        DateOnly to, CancellationToken ct)
    {
        var judge = await ledger.JudgeAsync(db, dag, from, ct);
        var stale = new Dictionary<DateOnly, IReadOnlyList<string>>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            var tasks = dag.Partitions.Produced.Where(p => judge.StatusOf(p.Dataset, date).State == PartitionState.Stale)
                .SelectMany(p => dag.Definition.WithDownstream(p.TaskId)).ToHashSet();
            if (tasks.Count > 0) stale[date] = dag.Definition.Tasks.Where(t => tasks.Contains(t.Id)).Select(t => t.Id).ToList();
        }
        return stale;
    }
}
