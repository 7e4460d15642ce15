using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Scheduling;

namespace Orchestrated.Server.Streaming;

/// <summary>
/// Which stream partitions this process sessionizes: at most one owner per partition, held by a lease in the metadata
/// database (single active consumer is a stream-protocol feature, not available over AMQP 0-9-1). Every live worker
/// renews a worker lease too, so each knows how many share the partitions and takes its fair share — free ones first,
/// and it gives back what is over its share, so a second worker gets half and a dead one's partitions move within a
/// lease's length. Two owners for a moment (a lease expired under a paused process) write the same files with the same
/// bytes, because a partition's output follows from the log alone.
/// </summary>
public sealed class PartitionOwnership(IDbContextFactory<MetadataDb> dbs, TimeProvider clock, string holder, int partitions,
    TimeSpan leaseDuration)
{
    private const string PartitionPrefix = "stream-partition/", WorkerPrefix = "stream-worker/";
    private readonly SortedSet<int> _owned = [];

    public IReadOnlySet<int> Owned => _owned;

    /// <summary>Renews what it holds, then takes or gives back partitions towards its share; answers what it owns now.</summary>
    public async Task<IReadOnlySet<int>> RebalanceAsync(CancellationToken ct)
    {
        var worker = new LeaderLease(dbs, clock, holder, Shorten(WorkerPrefix + holder));
        await worker.TryAcquireAsync(leaseDuration, ct);
        foreach (var p in _owned.ToList())
            if (!await Lease(p).TryAcquireAsync(leaseDuration, ct)) _owned.Remove(p);
        var share = (int)Math.Ceiling(partitions / (double)Math.Max(1, await LiveWorkersAsync(ct)));
        foreach (var p in _owned.Reverse().Take(Math.Max(0, _owned.Count - share)).ToList())
        {
            await Lease(p).ReleaseAsync(ct);
            _owned.Remove(p);
        }
        for (var p = 0; p < partitions && _owned.Count < share; p++)
            if (!_owned.Contains(p) && await Lease(p).TryAcquireAsync(leaseDuration, ct)) _owned.Add(p);
        return _owned;
    }

    /// <summary>Gives every lease back at shutdown, so the others take over without waiting for them to expire.</summary>
    public async Task ReleaseAllAsync(CancellationToken ct)
    {
        foreach (var p in _owned) await Lease(p).ReleaseAsync(ct);
        _owned.Clear();
        await new LeaderLease(dbs, clock, holder, Shorten(WorkerPrefix + holder)).ReleaseAsync(ct);
    }

    private LeaderLease Lease(int partition) => new(dbs, clock, holder, PartitionPrefix + partition);

    private async Task<int> LiveWorkersAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbs.CreateDbContextAsync(ct);
        return await db.Leases.CountAsync(l => l.Name.StartsWith(WorkerPrefix) && l.ExpiresAt > now, ct);
    }

    /// <summary>Lease names are at most 64 characters: a long holder keeps its tail (process id and random part).</summary>
    private static string Shorten(string name) => name.Length <= 64 ? name : WorkerPrefix + name[^(64 - WorkerPrefix.Length)..];
}
