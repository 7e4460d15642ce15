using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Scheduling;
using Orchestrated.Server.Reports;
using Orchestrated.Workflows.Partitions;
using Orchestrated.Workflows.Runs;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Server.Alerts;

/// <summary>
/// SLA checks against the clock: a date whose final output is not committed by its deadline — whether or not a run
/// for it exists (Airflow's SLA misses only fire for runs that exist) — or not final by its final deadline (still
/// provisional, or stale), and a task running longer than its SLA.
/// </summary>
public sealed class SlaMonitor(IDbContextFactory<MetadataDb> dbs, DagCatalog dags, PartitionLedger ledger, AlertStore alerts,
    SchedulerOptions options, ILogger<SlaMonitor> logger)
{
    public async Task CheckAsync(DateTimeOffset now, CancellationToken ct)
    {
        await Isolation.RunAsync(logger, "the data deadline checks", () => CheckDataDeadlinesAsync(now, ct), ct);
        await Isolation.RunAsync(logger, "the final deadline checks", () => CheckFinalDeadlinesAsync(now, ct), ct);
        await Isolation.RunAsync(logger, "the task SLA checks", () => CheckTaskSlasAsync(now, ct), ct);
    }

    private async Task CheckDataDeadlinesAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        foreach (var record in await db.Dags.AsNoTracking().Where(d => !d.Paused).ToListAsync(ct))
            await Isolation.RunAsync(logger, $"the data deadline check of {record.DagId}", async () =>
            {
                var dag = await dags.GetAsync(record.DagId, record.CurrentVersion, ct);
                var dates = DataDeadline.PassedBy(dag.Definition, dag.Schedule, now, options.SlaLookbackDays);
                if (dates.Count == 0) return;
                var finalTask = dag.Definition.FinalTask.Id;
                var done = await db.TaskInstances.AsNoTracking()
                    .Where(t => t.DagId == record.DagId && t.TaskId == finalTask && t.State == TaskState.Success
                        && dates.Contains(t.LogicalDate))
                    .Select(t => t.LogicalDate).Distinct().ToListAsync(ct);
                foreach (var date in dates.Except(done))
                {
                    var deadline = DataDeadline.Of(dag.Definition, dag.Schedule, date)!.Value;
                    await alerts.RaiseOnceAsync(new AlertRecord
                    {
                        DedupeKey = $"sla:{record.DagId}:{date:yyyy-MM-dd}",
                        Kind = AlertKind.SlaMiss,
                        DagId = record.DagId,
                        LogicalDate = date,
                        TaskId = finalTask,
                        Message = $"SLA missed: {record.DagId} has not committed {finalTask} for {date:yyyy-MM-dd}; " +
                            $"it was due at {deadline:yyyy-MM-dd HH:mm} UTC.",
                    }, ct);
                }
            }, ct);
    }

    private async Task CheckFinalDeadlinesAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        foreach (var record in await db.Dags.AsNoTracking().Where(d => !d.Paused).ToListAsync(ct))
            await Isolation.RunAsync(logger, $"the final deadline check of {record.DagId}", async () =>
            {
                var dag = await dags.GetAsync(record.DagId, record.CurrentVersion, ct);
                var dates = DataDeadline.PassedBy(dag.Definition, dag.Schedule, now, options.SlaLookbackDays, DeadlineKind.Final);
                if (dates.Count == 0) return;
                var finalTask = dag.Definition.FinalTask.Id;
                if (dag.Partitions.Of(finalTask).Writes is not [var dataset, ..]) return;
                var keys = dates.Select(d => $"final-sla:{record.DagId}:{d:yyyy-MM-dd}").ToList();
                var raised = await db.Alerts.AsNoTracking().Where(a => keys.Contains(a.DedupeKey)).Select(a => a.DedupeKey).ToListAsync(ct);
                if (raised.Count == dates.Count) return;
                var judge = await ledger.JudgeAsync(db, dag, dates[^1], ct);
                foreach (var date in dates)
                {
                    var deadline = DataDeadline.Of(dag.Definition, dag.Schedule, date, DeadlineKind.Final)!.Value;
                    var status = judge.StatusOf(dataset, date);
                    if (status.State == PartitionState.Final && status.FinalSince <= deadline.UtcDateTime) continue;
                    var why = status.State switch
                    {
                        PartitionState.Final => $"it became final only at {status.FinalSince:yyyy-MM-dd HH:mm} UTC",
                        PartitionState.Provisional =>
                            "it is provisional, waiting for " +
                            string.Join(", ", status.Awaiting.DefaultIfEmpty("inputs that are not final")),
                        PartitionState.Stale => "it is stale: " + string.Join(", ", status.Changed.Select(c => c.What)),
                        _ => $"it is {PartitionStatus.Name(status.State)}",
                    };
                    await alerts.RaiseOnceAsync(new AlertRecord
                    {
                        DedupeKey = $"final-sla:{record.DagId}:{date:yyyy-MM-dd}",
                        Kind = AlertKind.FinalSlaMiss,
                        DagId = record.DagId,
                        LogicalDate = date,
                        TaskId = finalTask,
                        Message = $"SLA missed: {record.DagId}'s {dataset} for {date:yyyy-MM-dd} was due final at " +
                                  $"{deadline:yyyy-MM-dd HH:mm} UTC; {why}.",
                    }, ct);
                }
            }, ct);
    }

    private async Task CheckTaskSlasAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var running =
            await db.TaskInstances.Where(t => t.State == TaskState.Running && !t.SlaMissed && t.StartedAt != null).ToListAsync(ct);
        foreach (var task in running)
            await Isolation.RunAsync(logger, $"the SLA check of task {task.Id}", async () =>
            {
                var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == task.RunId, ct);
                var dag = await dags.GetAsync(run.DagId, run.DagVersion, ct);
                if (dag.Definition.Task(task.TaskId).Settings.Sla is not { } sla) return;
                var runningFor = now.UtcDateTime - task.StartedAt!.Value;
                if (runningFor <= sla) return;
                task.SlaMissed = true;
                await alerts.RaiseOnceAsync(new AlertRecord
                {
                    DedupeKey = $"task-sla:{task.Id}",
                    Kind = AlertKind.TaskSlaMiss,
                    DagId = run.DagId,
                    LogicalDate = run.LogicalDate,
                    TaskId = task.TaskId,
                    RunId = run.Id,
                    Message = $"Task SLA missed: {run.DagId}.{task.TaskId} for {run.LogicalDate:yyyy-MM-dd} has been running for " +
                        $"{runningFor:hh\\:mm\\:ss}, over its SLA of {sla}.",
                }, ct);
            }, ct);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException) { /* the task moved on; its alert is stored, the flag is set next time */ }
    }
}
