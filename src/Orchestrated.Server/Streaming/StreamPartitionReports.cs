using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrated.Domain.Sessions;
using Orchestrated.Execution.Streaming;
using Orchestrated.Server.Metadata;

namespace Orchestrated.Server.Streaming;

/// <summary>
/// Partition states in the metadata database: each owner writes those of its partitions every few seconds, and any
/// process's Live page reads those it does not own — in the distributed topology the server owns none, the stream
/// workers all. A report older than a few leases is no longer shown (its owner is gone, and the next has not written).
/// </summary>
public sealed class StreamPartitionReports(IDbContextFactory<MetadataDb> dbs, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task PublishAsync(string holder, IEnumerable<LivePartition> partitions, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var p in partitions)
        {
            var report = Snapshot(holder, p, now);
            if (await db.StreamPartitions.FindAsync([p.Partition], ct) is { } row) db.Entry(row).CurrentValues.SetValues(report);
            else db.StreamPartitions.Add(report);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A partition's state now, as a report (what this process's own Live page shows of it, too).</summary>
    public static StreamPartitionRecord Snapshot(string holder, LivePartition p, DateTime at) => new()
    {
        Partition = p.Partition, Holder = holder, Watermark = p.Watermark, StreamTime = p.StreamTime, OpenSessions = p.OpenSessions,
        HeldEvents = p.Held, LateEvents = p.LateEvents, SessionsClosed = p.SessionsClosed, LastOffset = p.LastOffset,
        EventsRead = p.EventsRead, ResumedFrom = p.ResumedFrom, RecentJson = JsonSerializer.Serialize(p.Recent, Json), ReportedAt = at,
    };

    /// <summary>The reports of partitions other than <paramref name="except"/>, written since <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<(StreamPartitionRecord Report, IReadOnlyList<SessionRow> Recent)>> ReadAsync(
        IReadOnlySet<int> except, DateTime since, CancellationToken ct)
    {
        await using var db = await dbs.CreateDbContextAsync(ct);
        var rows = await db.StreamPartitions.AsNoTracking().Where(r => r.ReportedAt >= since).OrderBy(r => r.Partition).ToListAsync(ct);
        return rows.Where(r => !except.Contains(r.Partition))
            .Select(r => (r, (IReadOnlyList<SessionRow>)(JsonSerializer.Deserialize<List<SessionRow>>(r.RecentJson, Json) ?? [])))
            .ToList();
    }
}
