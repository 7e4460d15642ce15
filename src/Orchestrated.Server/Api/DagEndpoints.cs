using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Operations;
using Orchestrated.Workflows.Definitions;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Server.Api;

public static class DagEndpoints
{
    public static void MapDagEndpoints(this RouteGroupBuilder api)
    {
        var dags = api.MapGroup("/dags").WithTags("DAGs");
        dags.MapGet("/", ListAsync).WithSummary("Every DAG with its schedule, next fire times and latest run.").WithName("ListDags");
        dags.MapGet("/{dagId}", GetAsync).WithSummary("One DAG: tasks, settings, schedule, next fire times.").WithName("GetDag");
        dags.MapPost("/{dagId}/pause", (string dagId, RunOperations ops, CancellationToken ct) => SetPaused(dagId, true, ops, ct))
            .WithSummary("Pause the schedule.").WithName("PauseDag");
        dags.MapPost("/{dagId}/unpause", (string dagId, RunOperations ops, CancellationToken ct) => SetPaused(dagId, false, ops, ct))
            .WithSummary("Resume the schedule.").WithName("UnpauseDag");
        dags.MapGet("/{dagId}/next-fires", NextFiresAsync).WithSummary("The next fire times and the logical dates they process.")
            .WithName("GetNextFires");
        dags.MapGet("/{dagId}/versions", VersionsAsync).WithSummary("Saved versions of the definition, newest first.")
            .WithName("ListDagVersions");
        dags.MapGet("/{dagId}/versions/{version:int}", VersionAsync).WithSummary("One version's JSON.").WithName("GetDagVersion");
        dags.MapPut("/{dagId}/definition", SaveDefinitionAsync).WithSummary("Validate and save a new version of the definition.")
            .WithName("SaveDagDefinition");
    }

    private static async Task<IResult> ListAsync(IDbContextFactory<MetadataDb> dbs, DagCatalog catalog, TimeProvider clock,
        CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var list = new List<DagSummary>();
        foreach (var record in await db.Dags.AsNoTracking().OrderBy(d => d.DagId).ToListAsync(ct))
            list.Add(await SummaryAsync(db, record, catalog, clock, ct));
        return Results.Ok(list);
    }

    private static async Task<IResult> GetAsync(string dagId, IDbContextFactory<MetadataDb> dbs, DagCatalog catalog, TimeProvider clock,
        CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var record = await db.Dags.AsNoTracking().SingleOrDefaultAsync(d => d.DagId == dagId, ct);
        return record is null ? NotFound(dagId) : Results.Ok(await SummaryAsync(db, record, catalog, clock, ct));
    }

    private static async Task<IResult> SetPaused(string dagId, bool paused, RunOperations ops, CancellationToken ct)
    {
        await ops.SetPausedAsync(dagId, paused, ct);
        return Results.Ok(new { dagId, paused });
    }

    private static async Task<IResult> NextFiresAsync(string dagId, int? count, DagCatalog catalog, TimeProvider clock,
        CancellationToken ct)
    {
        var dag = await CurrentOrNullAsync(catalog, dagId, ct);
        if (dag is null) return NotFound(dagId);
        var fires = dag.Schedule.NextFires(clock.GetUtcNow(), QueryBounds.Count("count", count, 5, 100));
        return Results.Ok(fires.Select(f => new { fireAt = f, logicalDate = dag.Schedule.LogicalDateOf(f) }));
    }

    private static async Task<IResult> VersionsAsync(string dagId, IDbContextFactory<MetadataDb> dbs, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var record = await db.Dags.AsNoTracking().SingleOrDefaultAsync(d => d.DagId == dagId, ct);
        if (record is null) return NotFound(dagId);
        var versions = await db.DagVersions.AsNoTracking().Where(v => v.DagId == dagId).OrderByDescending(v => v.Version).ToListAsync(ct);
        return Results.Ok(versions.Select(v =>
            new VersionView(v.Version, v.Source, v.CreatedAt, v.Comment, v.Version == record.CurrentVersion)));
    }

    private static async Task<IResult> VersionAsync(string dagId, int version, IDbContextFactory<MetadataDb> dbs, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var v = await db.DagVersions.AsNoTracking().SingleOrDefaultAsync(x => x.DagId == dagId && x.Version == version, ct);
        return v is null
            ? Results.Problem(title: $"DAG '{dagId}' has no version {version}.", statusCode: 404)
            : Results.Text(v.Json, "application/json");
    }

    private static async Task<IResult> SaveDefinitionAsync(string dagId, DefinitionBody body, DagCatalog catalog, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Json)) throw ApiErrors.Invalid("json (the definition) is required.");
        if (await CurrentOrNullAsync(catalog, dagId, ct) is null) return NotFound(dagId);
        var version = await catalog.SaveAsync(dagId, body.Json, "api", body.Comment, onlyIfChanged: true, ct);
        return Results.Ok(new { dagId, version });
    }

    private static async Task<DagVersion?> CurrentOrNullAsync(DagCatalog catalog, string dagId, CancellationToken ct)
    {
        try { return await catalog.GetCurrentAsync(dagId, ct); }
        catch (KeyNotFoundException) { return null; }
    }

    private static IResult NotFound(string dagId) => Results.Problem(title: $"No DAG '{dagId}'.", statusCode: 404);

    private static async Task<DagSummary> SummaryAsync(MetadataDb db, DagRecord record, DagCatalog catalog, TimeProvider clock,
        CancellationToken ct)
    {
        var dag = await catalog.GetAsync(record.DagId, record.CurrentVersion, ct);
        var latest = await db.Runs.AsNoTracking().Where(r => r.DagId == record.DagId).OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        var d = dag.Definition;
        return new DagSummary(d.Id, d.Description, record.Paused, record.CurrentVersion, d.Schedule.Cron,
            CronDescription.Describe(d.Schedule.Cron, d.Schedule.TimeZone, d.Schedule.LagDays), d.Schedule.TimeZone,
            dag.Schedule.NextFires(clock.GetUtcNow(), 5).ToList(),
            d.Tasks.Select(t => new TaskSummary(t.Id, t.Step, t.Upstream, t.Params, t.Settings.Retries,
                Duration.Format(t.Settings.RetryDelay), t.Settings.ExponentialBackoff, Duration.Format(t.Settings.MaxRetryDelay),
                Duration.Format(t.Settings.ExecutionTimeout), t.Settings.Sla is { } sla ? Duration.Format(sla) : null, t.Description,
                dag.Partitions.Of(t.Id).Writes, dag.Partitions.Of(t.Id).Reads.Select(w => w.Describe()).ToList())).ToList(),
            latest is null ? null : RunSummary.Of(latest));
    }
}
