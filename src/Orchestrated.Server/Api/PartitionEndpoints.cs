using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Reports;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Api;

public static class PartitionEndpoints
{
    public static void MapPartitionEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/dags/{dagId}/partitions", ListAsync).WithTags("Partitions")
            .WithSummary("For each date and dataset: missing, up_to_date, failed or stale (an input changed after it was written).");

    private static async Task<IResult> ListAsync(string dagId, DateOnly? from, DateOnly? to, IDbContextFactory<MetadataDb> dbs, DagCatalog catalog, CancellationToken ct)
    {
        if (from is null || to is null) throw ApiErrors.Invalid("from and to (yyyy-MM-dd) are required.");
        if (to < from || to.Value.DayNumber - from.Value.DayNumber > 400) throw ApiErrors.Invalid("from..to must be an ordered range of at most 400 days.");
        await using var db = await dbs.CreateDbContextAsync(ct);
        var partitions = await db.Partitions.AsNoTracking().Where(p => p.DagId == dagId && p.Date >= from && p.Date <= to).ToListAsync(ct);
        var failed = await db.TaskInstances.AsNoTracking()
            .Where(t => t.DagId == dagId && t.LogicalDate >= from && t.LogicalDate <= to && (t.State == TaskState.Failed || t.State == TaskState.UpstreamFailed))
            .Select(t => new { t.LogicalDate, t.TaskId }).ToListAsync(ct);
        var views = new List<PartitionView>();
        foreach (var p in partitions.OrderBy(p => p.Date).ThenBy(p => p.Dataset))
        {
            var changed = await PartitionLedger.ChangedInputsAsync(db, p, ct);
            var status = changed.Count > 0 ? "stale" : !p.QualityPassed ? "failed" : "up_to_date";
            views.Add(new PartitionView(p.Dataset, p.Date, status, p.TaskId, p.RunId, p.TryId, p.RowsWritten, p.QualityPassed, p.WrittenAt, changed));
        }
        var dag = await catalog.GetCurrentAsync(dagId, ct);
        var datasetsByTask = DatasetsByTask(dag.Definition);
        for (var date = from.Value; date <= to.Value; date = date.AddDays(1))
            foreach (var (taskId, dataset) in datasetsByTask)
                if (!views.Any(v => v.Date == date && v.Dataset == dataset))
                {
                    var status = failed.Any(f => f.LogicalDate == date && f.TaskId == taskId) ? "failed" : "missing";
                    views.Add(new PartitionView(dataset, date, status, taskId, null, null, 0, false, null, []));
                }
        return Results.Ok(views.OrderBy(v => v.Date).ThenBy(v => v.Dataset));
    }

    /// <summary>The main dataset each task writes, by its step type.</summary>
    private static IEnumerable<(string TaskId, string Dataset)> DatasetsByTask(Orchestrated.Workflows.Definitions.DagDefinition dag)
    {
        foreach (var task in dag.Tasks)
        {
            var dataset = task.Step switch
            {
                "ingest" => Orchestrated.Storage.Layout.Dataset.Bronze.Name,
                "clean" => Orchestrated.Storage.Layout.Dataset.SilverEvents.Name,
                "sessionize" => Orchestrated.Storage.Layout.Dataset.Sessions.Name,
                "aggregate" => Orchestrated.Storage.Layout.Dataset.DailyStats.Name,
                _ => null,
            };
            if (dataset is not null) yield return (task.Id, dataset);
        }
    }
}
