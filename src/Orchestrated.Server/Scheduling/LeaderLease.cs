using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Metadata;

namespace Orchestrated.Server.Scheduling;

/// <summary>
/// One scheduler at a time: a lease row in the metadata database, taken or renewed by a conditional update, so two
/// replicas never both create runs or dispatch tries. A leader that stops renewing loses the lease when it expires.
/// </summary>
public sealed class LeaderLease(IDbContextFactory<MetadataDb> dbs, TimeProvider clock, string holder, string name = "scheduler")
{
    public string Holder => holder;

    /// <summary>Takes the lease if it is free or expired, renews it if held; true when this process holds it now.</summary>
    public async Task<bool> TryAcquireAsync(TimeSpan duration, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + duration;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var updated = await db.Leases
            .Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, expires), ct);
        if (updated == 1) return true;
        if (await db.Leases.AnyAsync(l => l.Name == name, ct)) return false;
        db.Leases.Add(new LeaseRecord { Name = name, Holder = holder, ExpiresAt = expires });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // another replica created it first
        }
    }

    /// <summary>Gives the lease up at shutdown so a standby takes over without waiting for it to expire.</summary>
    public async Task ReleaseAsync(CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        await db.Leases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, DateTime.MinValue.ToUniversalTime()), ct);
    }
}
