using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Metadata;

namespace Orchestrated.Server.Api;

public static class AlertEndpoints
{
    public static void MapAlertEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts", ListAsync).WithTags("Alerts").WithSummary("Alerts, newest first; `unacknowledged=true` for open ones only.")
            .WithName("ListAlerts");
        api.MapPost("/alerts/{alertId:long}/acknowledge", AcknowledgeAsync).WithTags("Alerts").WithSummary("Acknowledge an alert.")
            .WithName("AcknowledgeAlert");
    }

    private static async Task<IResult> ListAsync(string? dagId, bool? unacknowledged, int? limit, IDbContextFactory<MetadataDb> dbs,
        CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var query = db.Alerts.AsNoTracking();
        if (dagId is not null) query = query.Where(a => a.DagId == dagId);
        if (unacknowledged == true) query = query.Where(a => a.AcknowledgedAt == null);
        var alerts = await query.OrderByDescending(a => a.Id).Take(QueryBounds.Count("limit", limit, 100, 1000)).ToListAsync(ct);
        return Results.Ok(alerts.Select(AlertView.Of));
    }

    private static async Task<IResult> AcknowledgeAsync(long alertId, IDbContextFactory<MetadataDb> dbs, TimeProvider clock,
        CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var alert = await db.Alerts.FindAsync([alertId], ct);
        if (alert is null) return Results.Problem(title: $"No alert {alertId}.", statusCode: 404);
        alert.AcknowledgedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return Results.Ok(AlertView.Of(alert));
    }
}
