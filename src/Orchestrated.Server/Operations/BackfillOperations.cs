using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Reports;
using Orchestrated.Server.Scheduling;
using Orchestrated.Workflows.Runs;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Server.Operations;

public sealed record BackfillRequest(DateOnly From, DateOnly To, ReprocessMode Reprocess, int MaxConcurrentRuns, bool DryRun,
    IReadOnlyDictionary<string, Dictionary<string, JsonElement>>? Params);

public sealed record BackfillPlanned(BackfillRecord? Backfill, IReadOnlyList<BackfillDate> Plan);

/// <summary>
/// Backfills as first-class objects: planned in one query, created with all their runs in one transaction (a year
/// plans in milliseconds), throttled by their own concurrency, cancelled without stranding a run.
/// </summary>
public sealed class BackfillOperations(IDbContextFactory<MetadataDb> dbs, DagCatalog dags, SchedulerSignal signal, TimeProvider clock)
{
    public async Task<BackfillPlanned> CreateAsync(string dagId, BackfillRequest request, CancellationToken ct)
    {
        DagVersion dag;
        try { dag = await dags.GetCurrentAsync(dagId, ct); }
        catch (KeyNotFoundException e) { throw new OperationException(OperationError.NotFound, e.Message); }
        if (request.MaxConcurrentRuns is < 1 or > 64)
            throw new OperationException(OperationError.Invalid, "maxConcurrentRuns must be between 1 and 64.");
        var (paramsJson, errors) = RunParams.Validate(dag.Definition, request.Params);
        if (errors.Count > 0) throw new OperationException(OperationError.Invalid, "Invalid params.", errors);

        await using var db = await dbs.CreateDbContextAsync(ct);
        var latest = await LatestRunStatesAsync(db, dagId, request.From, request.To, ct);
        var stale = request.Reprocess == ReprocessMode.Stale ? await StaleDatesAsync(db, dagId, request.From, request.To, ct) : null;
        IReadOnlyList<BackfillDate> plan;
        try { plan = BackfillPlanner.Plan(request.From, request.To, request.Reprocess, latest, stale); }
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
            db.Runs.Add(RunFactory.Create(dag, day.Date, RunKind.Backfill, RunKeys.Backfill(backfill.Id, day.Date), paramsJson, backfill.Id, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        signal.Notify();
        return new BackfillPlanned(backfill, plan);
    }

    /// <summary>Queued runs are cancelled; running runs stop dispatching and end cancelled; nothing is left queued forever.</summary>
    public async Task<BackfillRecord> CancelAsync(long backfillId, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var backfill = await db.Backfills.FindAsync([backfillId], ct) ?? throw new OperationException(OperationError.NotFound, $"No backfill {backfillId}.");
        if (backfill.State != BackfillState.Running) return backfill;
        var now = clock.GetUtcNow().UtcDateTime;
        var runs = await db.Runs.Where(r => r.BackfillId == backfillId && (r.State == RunState.Queued || r.State == RunState.Running)).ToListAsync(ct);
        var runIds = runs.Select(r => r.Id).ToList();
        var tasks = await db.TaskInstances.Where(t => runIds.Contains(t.RunId)).ToListAsync(ct);
        foreach (var run in runs)
        {
            run.State = RunState.Cancelled;
            run.EndedAt = now;
        }
        foreach (var task in tasks.Where(t => t.State is TaskState.None or TaskState.Scheduled or TaskState.UpForRetry))
        {
            task.State = TaskState.Skipped;
            task.EndedAt = now;
        }
        backfill.State = BackfillState.Cancelled;
        backfill.EndedAt = now;
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { throw new OperationException(OperationError.Conflict, "A run of the backfill changed meanwhile; cancel again."); }
        signal.Notify();
        return backfill;
    }

    private static async Task<Dictionary<DateOnly, RunState>> LatestRunStatesAsync(MetadataDb db, string dagId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var runs = await db.Runs.AsNoTracking().Where(r => r.DagId == dagId && r.LogicalDate >= from && r.LogicalDate <= to)
            .Select(r => new { r.LogicalDate, r.Id, r.State }).ToListAsync(ct);
        return runs.GroupBy(r => r.LogicalDate).ToDictionary(g => g.Key, g => g.MaxBy(r => r.Id)!.State);
    }

    private static async Task<HashSet<DateOnly>> StaleDatesAsync(MetadataDb db, string dagId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var stale = new HashSet<DateOnly>();
        var partitions = await db.Partitions.AsNoTracking().Where(p => p.DagId == dagId && p.Date >= from && p.Date <= to).ToListAsync(ct);
        foreach (var partition in partitions)
            if (!stale.Contains(partition.Date) && (await PartitionLedger.ChangedInputsAsync(db, partition, ct)).Count > 0)
                stale.Add(partition.Date);
        return stale;
    }
}
