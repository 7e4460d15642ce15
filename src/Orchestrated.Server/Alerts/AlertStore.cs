using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Metadata;

namespace Orchestrated.Server.Alerts;

/// <summary>
/// Stores alerts, once each: the dedupe key is unique in the database, so two replicas or two passes raising the same
/// alert store one row, and the notifier sends each row once.
/// </summary>
public sealed class AlertStore(IDbContextFactory<MetadataDb> dbs, TimeProvider clock, ILogger<AlertStore> logger)
{
    /// <summary>Adds an alert to a unit of work whose own concurrency check already makes it unique (a task's failing try).</summary>
    public void Raise(MetadataDb db, AlertRecord alert)
    {
        alert.CreatedAt = clock.GetUtcNow().UtcDateTime;
        db.Alerts.Add(alert);
        logger.LogWarning("alert {Kind}: {Message}", alert.Kind, alert.Message);
    }

    /// <summary>Stores an alert unless one with its dedupe key exists; true when this call stored it.</summary>
    public async Task<bool> RaiseOnceAsync(AlertRecord alert, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        if (await db.Alerts.AnyAsync(a => a.DedupeKey == alert.DedupeKey, ct)) return false;
        alert.CreatedAt = clock.GetUtcNow().UtcDateTime;
        db.Alerts.Add(alert);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return false; // raised by someone else between the check and the insert
        }
        logger.LogWarning("alert {Kind}: {Message}", alert.Kind, alert.Message);
        return true;
    }
}
