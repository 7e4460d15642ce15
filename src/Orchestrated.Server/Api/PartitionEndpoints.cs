using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Reports;
using Orchestrated.Workflows.Partitions;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Api;

public static class PartitionEndpoints
{
    public static void MapPartitionEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/dags/{dagId}/partitions", ListAsync).WithTags("Partitions")
            .WithSummary("For each date and dataset: final, provisional (with the inputs it lacks), stale (with what changed), " +
                         "failed or missing.").WithName("ListPartitions");

    private static async Task<IResult> ListAsync(string dagId, DateOnly? from, DateOnly? to, IDbContextFactory<MetadataDb> dbs,
        DagCatalog catalog, PartitionLedger ledger, CancellationToken ct)
    {
        if (QueryBounds.Date("from", from) is not { } first || QueryBounds.Date("to", to) is not { } last)
            throw ApiErrors.Invalid("from and to (yyyy-MM-dd) are required.");
        if (last < first || last.DayNumber - first.DayNumber > 400)
            throw ApiErrors.Invalid("from..to must be an ordered range of at most 400 days.");
        DagVersion dag;
        try { dag = await catalog.GetCurrentAsync(dagId, ct); }
        catch (KeyNotFoundException) { return Results.Problem(title: $"No DAG '{dagId}'.", statusCode: 404); }
        await using var db = await dbs.CreateDbContextAsync(ct);
        var judge = await ledger.JudgeAsync(db, dag, first, ct);
        var failed = (await db.TaskInstances.AsNoTracking()
            .Where(t => t.DagId == dagId && t.LogicalDate >= first && t.LogicalDate <= last
                && (t.State == TaskState.Failed || t.State == TaskState.UpstreamFailed))
            .Select(t => new { t.LogicalDate, t.TaskId }).ToListAsync(ct)).ToHashSet();
        var views = new List<PartitionView>();
        for (var date = first; date <= last; date = date.AddDays(1))
            foreach (var (dataset, taskId) in dag.Partitions.Produced)
            {
                var status = judge.StatusOf(dataset, date);
                var state = status.State == PartitionState.Missing && failed.Contains(new { LogicalDate = date, TaskId = taskId })
                    ? "failed"
                    : PartitionStatus.Name(status.State);
                views.Add(PartitionView.Of(status, state, taskId));
            }
        return Results.Ok(views);
    }
}
