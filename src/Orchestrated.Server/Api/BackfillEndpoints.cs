using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Operations;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Server.Api;

public static class BackfillEndpoints
{
    public static void MapBackfillEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/dags/{dagId}/backfills", CreateAsync).WithTags("Backfills")
            .WithSummary("Backfill a date range: reprocess missing, failed, stale or all dates; dryRun answers the plan only.")
            .WithName("CreateBackfill")
            .Produces<BackfillView>(StatusCodes.Status201Created).Produces<BackfillView>(StatusCodes.Status200OK);
        api.MapGet("/dags/{dagId}/backfills", ListAsync).WithTags("Backfills").WithSummary("Backfills of a DAG, newest first.")
            .WithName("ListBackfills");
        api.MapGet("/backfills/{backfillId:long}", GetAsync).WithTags("Backfills").WithSummary("A backfill and the states of its runs.")
            .WithName("GetBackfill");
        api.MapPost("/backfills/{backfillId:long}/cancel", CancelAsync).WithTags("Backfills")
            .WithSummary("Cancel: queued runs never start, running runs stop dispatching.").WithName("CancelBackfill")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<IResult> CreateAsync(string dagId, BackfillBody body, BackfillOperations ops, CancellationToken ct)
    {
        if (body.From is not { } from || body.To is not { } to) throw ApiErrors.Invalid("from and to (yyyy-MM-dd) are required.");
        var mode = ReprocessMode.Missing;
        if (body.Reprocess is { } text && !Enum.TryParse(text, ignoreCase: true, out mode))
            throw ApiErrors.Invalid($"reprocess '{text}' is not one of: missing, failed, stale, all.");
        var planned = await ops.CreateAsync(dagId,
            new BackfillRequest(from, to, mode, body.MaxConcurrentRuns ?? 2, body.DryRun ?? false, body.Params), ct);
        var plan = planned.Plan.Select(p => new BackfillDateView(p.Date, p.Action.ToString().ToLowerInvariant(), p.Reason)).ToList();
        if (planned.Backfill is null)
            return Results.Ok(new BackfillView(null, dagId, from, to, mode.ToString().ToLowerInvariant(), body.MaxConcurrentRuns ?? 2,
                "dry_run", null, null, null, plan));
        var b = planned.Backfill;
        return Results.Created($"/api/backfills/{b.Id}", View(b, null, plan));
    }

    private static async Task<IResult> ListAsync(string dagId, IDbContextFactory<MetadataDb> dbs, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var backfills =
            await db.Backfills.AsNoTracking().Where(b => b.DagId == dagId).OrderByDescending(b => b.Id).Take(100).ToListAsync(ct);
        return Results.Ok(backfills.Select(b => View(b, null, null)));
    }

    private static async Task<IResult> GetAsync(long backfillId, IDbContextFactory<MetadataDb> dbs, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var backfill = await db.Backfills.AsNoTracking().SingleOrDefaultAsync(b => b.Id == backfillId, ct);
        if (backfill is null) return Results.Problem(title: $"No backfill {backfillId}.", statusCode: 404);
        var states = await db.Runs.AsNoTracking().Where(r => r.BackfillId == backfillId).GroupBy(r => r.State)
            .Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(ct);
        return Results.Ok(View(backfill, states.ToDictionary(s => s.State.ToString().ToLowerInvariant(), s => s.Count), null));
    }

    private static async Task<IResult> CancelAsync(long backfillId, BackfillOperations ops, CancellationToken ct) =>
        Results.Ok(View(await ops.CancelAsync(backfillId, ct), null, null));

    private static BackfillView View(BackfillRecord b, IReadOnlyDictionary<string, int>? states, IReadOnlyList<BackfillDateView>? plan) =>
        new(b.Id, b.DagId, b.FromDate, b.ToDate, b.Reprocess.ToString().ToLowerInvariant(), b.MaxConcurrentRuns,
            b.State.ToString().ToLowerInvariant(), b.CreatedAt, b.EndedAt, states, plan);
}
