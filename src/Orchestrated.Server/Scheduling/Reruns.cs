using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Reports;
using Orchestrated.Workflows.Partitions;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Scheduling;

/// <summary>
/// Late data re-runs by itself: on each full pass, the dates near partitions written lately (and the dates a new
/// arrival holds events of) are judged, and <see cref="RerunPlanner"/> decides which run again — as runs of kind
/// <c>rerun</c> that run only the tasks below what went stale and say why in their note. Inside a running backfill's
/// range a re-run belongs to that backfill, which completes only after it.
/// </summary>
public sealed class Reruns(IDbContextFactory<MetadataDb> dbs, DagCatalog dags, PartitionLedger ledger, SchedulerOptions options,
    SchedulerSignal signal, ILogger<Reruns> logger)
{
    public async Task PlanAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var since = (now - options.RerunCheckAge).UtcDateTime;
        var recent = await db.Partitions.AsNoTracking().Where(p => p.WrittenAt >= since)
            .Select(p => new { p.DagId, p.Date, p.ContentDates }).ToListAsync(ct);
        if (recent.Count == 0) return;
        var backfills = await db.Backfills.AsNoTracking().Where(b => b.State == BackfillState.Running).ToListAsync(ct);
        var created = 0;
        foreach (var byDag in recent.GroupBy(p => p.DagId))
        {
            var record = await db.Dags.FindAsync([byDag.Key], ct);
            if (record is null) continue;
            var dag = await dags.GetAsync(record.DagId, record.CurrentVersion, ct);
            var ranges = backfills.Where(b => b.DagId == record.DagId).Select(b => (b.Id, b.FromDate, b.ToDate)).ToList();
            var reach = Math.Max(2, dag.Definition.RerunStaleWithinDays ?? 0);
            var candidates = new SortedSet<DateOnly>();
            foreach (var written in byDag)
            {
                for (var k = -reach; k <= reach; k++) candidates.Add(written.Date.AddDays(k));
                foreach (var held in written.ContentDates?.Split(',') ?? []) candidates.Add(DateOnly.ParseExact(held, "yyyy-MM-dd"));
            }
            var plans = await PlanDagAsync(db, dag, candidates, d => ranges.Any(r => r.FromDate <= d && d <= r.ToDate), ct);
            foreach (var (plan, paramsJson) in plans)
            {
                var backfill = ranges.Where(r => r.FromDate <= plan.Date && plan.Date <= r.ToDate)
                    .Select(r => (long?)r.Id).FirstOrDefault();
                if (record.Paused && backfill is null) continue; // a paused DAG starts nothing of its own
                var run = RunFactory.Create(dag, plan.Date, RunKind.Rerun, RunKeys.Rerun(plan.Date, now), paramsJson, backfill, now);
                run.SelectedTasks = RunSelection.Store(plan.Tasks);
                run.Note = plan.Reason.Length <= 2000 ? plan.Reason : plan.Reason[..1997] + "…";
                db.Runs.Add(run);
                logger.LogInformation("re-running {Dag} for {Date:yyyy-MM-dd} ({Tasks}): {Reason}",
                    record.DagId, plan.Date, string.Join(", ", plan.Tasks), plan.Reason);
                created++;
            }
        }
        if (created == 0) return;
        await db.SaveChangesAsync(ct);
        signal.Notify();
    }

    private async Task<List<(RerunPlan Plan, string ParamsJson)>> PlanDagAsync(MetadataDb db, DagVersion dag,
        SortedSet<DateOnly> candidates, Func<DateOnly, bool> inBackfillRange, CancellationToken ct)
    {
        var (first, last) = (candidates.Min, candidates.Max);
        var judge = await ledger.JudgeAsync(db, dag, first, ct);
        var statuses = candidates.SelectMany(d => dag.Partitions.Produced.Select(p => judge.StatusOf(p.Dataset, d))).ToList();
        if (statuses.All(s => s.State != PartitionState.Stale)) return [];
        var runs = await db.Runs.AsNoTracking().Where(r => r.DagId == dag.Definition.Id && r.LogicalDate >= first && r.LogicalDate <= last)
            .Select(r => new { r.Id, r.LogicalDate, r.State, r.ParamsJson }).ToListAsync(ct);
        var byDate = runs.GroupBy(r => r.LogicalDate).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Id).ToList());
        var dateRuns = byDate.ToDictionary(g => g.Key, g => new DateRuns(g.Value.Any(r => !r.State.IsFinished()), g.Value[^1].State));
        return RerunPlanner.Plan(dag.Definition, statuses, dateRuns, inBackfillRange)
            .Select(p => (p, byDate[p.Date][^1].ParamsJson)).ToList();
    }
}
