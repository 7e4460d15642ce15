using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Reports;
using Orchestrated.Workflows.Partitions;
using Orchestrated.Server.Operations;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Api;

public static class RunEndpoints
{
    public static void MapRunEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/dags/{dagId}/runs", ListAsync).WithTags("Runs")
            .WithSummary("Runs of a DAG, newest first, paged with `before` (a run id); filter by `state` or `backfill`.")
            .WithName("ListRuns");
        api.MapPost("/dags/{dagId}/runs", TriggerAsync).WithTags("Runs")
            .WithSummary("Trigger a run for a logical date, with param overrides.")
            .WithName("TriggerRun").Produces<RunSummary>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/runs/{runId:long}", GetAsync).WithTags("Runs").WithSummary("One run with its task instances.").WithName("GetRun");
        api.MapGet("/runs/{runId:long}/tasks/{taskId}", TaskAsync).WithTags("Runs")
            .WithSummary("A task instance with every try: timings, worker, metrics, data quality, error.").WithName("GetTaskInstance");
        api.MapGet("/tries/{tryId:guid}/log", LogAsync).WithTags("Runs").WithSummary("The log lines of one try.").WithName("GetTryLog");
        api.MapPost("/runs/{runId:long}/tasks/{taskId}/clear", ClearAsync).WithTags("Runs")
            .WithSummary("Clear a task (and by default its downstream) so it runs again.").WithName("ClearTask")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/runs/{runId:long}/tasks/{taskId}/mark", MarkAsync).WithTags("Runs").WithSummary("Mark a task success or failed.")
            .WithName("MarkTask").Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> ListAsync(string dagId, string? state, int? limit, long? before, long? backfill,
        IDbContextFactory<MetadataDb> dbs, DagCatalog catalog, PartitionLedger ledger, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var query = db.Runs.AsNoTracking().Where(r => r.DagId == dagId);
        if (backfill is { } b0) query = query.Where(r => r.BackfillId == b0);
        if (state is not null)
        {
            if (!Enum.TryParse<RunState>(state, ignoreCase: true, out var s))
                throw ApiErrors.Invalid($"state '{state}' is not one of: queued, running, success, failed, cancelled.");
            query = query.Where(r => r.State == s);
        }
        if (before is { } b) query = query.Where(r => r.Id < b);
        var runs = await query.OrderByDescending(r => r.Id).Take(QueryBounds.Count("limit", limit, 50, 1000)).ToListAsync(ct);
        var ids = runs.Select(r => r.Id).ToList();
        var tasks = await db.TaskInstances.AsNoTracking().Where(t => ids.Contains(t.RunId)).Select(t => new { t.RunId, t.TaskId, t.State })
            .ToListAsync(ct);
        var byRun = tasks.GroupBy(t => t.RunId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, string>)g.ToDictionary(t => t.TaskId, t => t.State.Name()));
        var partitions = runs.Count == 0 ? [] : await PartitionsWrittenAsync(db, catalog, ledger, dagId, runs, ct);
        return Results.Ok(runs.Select(r => RunSummary.Of(r, byRun.GetValueOrDefault(r.Id), partitions.GetValueOrDefault(r.Id))));
    }

    /// <summary>For each run, the state of the partitions whose latest write is its own, by the task that wrote them.</summary>
    private static async Task<Dictionary<long, IReadOnlyDictionary<string, string>>> PartitionsWrittenAsync(MetadataDb db,
        DagCatalog catalog, PartitionLedger ledger, string dagId, IReadOnlyList<DagRunRecord> runs, CancellationToken ct)
    {
        DagVersion dag;
        try { dag = await catalog.GetCurrentAsync(dagId, ct); }
        catch (KeyNotFoundException) { return []; }
        var judge = await ledger.JudgeAsync(db, dag, runs.Min(r => r.LogicalDate), ct);
        var result = new Dictionary<long, IReadOnlyDictionary<string, string>>();
        foreach (var run in runs)
        {
            var states = new Dictionary<string, string>();
            foreach (var (dataset, taskId) in dag.Partitions.Produced)
                if (judge.StatusOf(dataset, run.LogicalDate) is { Partition: { } written } status
                    && written.RunId == run.Id && !states.ContainsKey(taskId))
                    states[taskId] = PartitionStatus.Name(status.State);
            if (states.Count > 0) result[run.Id] = states;
        }
        return result;
    }

    private static async Task<IResult> TriggerAsync(string dagId, TriggerRequest body, RunOperations ops, CancellationToken ct)
    {
        if (body.LogicalDate is not { } date) throw ApiErrors.Invalid("logicalDate (yyyy-MM-dd) is required.");
        var run = await ops.TriggerAsync(dagId, date, body.Params, body.Note, ct);
        return Results.Created($"/api/runs/{run.Id}", RunSummary.Of(run));
    }

    private static async Task<IResult> GetAsync(long runId, IDbContextFactory<MetadataDb> dbs, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct);
        if (run is null) return Results.Problem(title: $"No run {runId}.", statusCode: 404);
        var tasks = await db.TaskInstances.AsNoTracking().Where(t => t.RunId == runId).ToListAsync(ct);
        return Results.Ok(RunSummary.Of(run, tasks.ToDictionary(t => t.TaskId, t => t.State.Name())));
    }

    private static async Task<IResult> TaskAsync(long runId, string taskId, IDbContextFactory<MetadataDb> dbs, DagCatalog catalog,
        PartitionLedger ledger, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var task = await db.TaskInstances.AsNoTracking().SingleOrDefaultAsync(t => t.RunId == runId && t.TaskId == taskId, ct);
        if (task is null) return Results.Problem(title: $"Run {runId} has no started task '{taskId}'.", statusCode: 404);
        var tries = await db.Tries.AsNoTracking().Where(t => t.TaskInstanceId == task.Id).OrderBy(t => t.Number).ToListAsync(ct);
        PartitionView? partition = null;
        var dag = await catalog.GetCurrentAsync(task.DagId, ct);
        if (dag.Partitions.Of(taskId) is { Writes: [var dataset, ..] })
        {
            var status = (await ledger.JudgeAsync(db, dag, task.LogicalDate, ct)).StatusOf(dataset, task.LogicalDate);
            partition = PartitionView.Of(status, PartitionStatus.Name(status.State), taskId);
        }
        return Results.Ok(TaskInstanceView.Of(task, tries.Select(TryView.Of).ToList(), partition));
    }

    private static async Task<IResult> LogAsync(Guid tryId, IDbContextFactory<MetadataDb> dbs, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var log = await db.Tries.AsNoTracking().Where(t => t.Id == tryId).Select(t => new { t.Log }).SingleOrDefaultAsync(ct);
        return log is null ? Results.Problem(title: $"No try {tryId}.", statusCode: 404) : Results.Text(log.Log ?? "", "text/plain");
    }

    private static async Task<IResult> ClearAsync(long runId, string taskId, ClearRequest? body, RunOperations ops, CancellationToken ct)
    {
        var cleared = await ops.ClearAsync(runId, taskId, body?.Downstream ?? true, ct);
        return Results.Ok(new { runId, cleared });
    }

    private static async Task<IResult> MarkAsync(long runId, string taskId, MarkRequest body, RunOperations ops, CancellationToken ct)
    {
        var state = body.State?.ToLowerInvariant() switch
        {
            "success" => TaskState.Success,
            "failed" => TaskState.Failed,
            _ => throw ApiErrors.Invalid("state must be \"success\" or \"failed\"."),
        };
        await ops.MarkAsync(runId, taskId, state, ct);
        return Results.Ok(new { runId, taskId, state = state.Name() });
    }
}
