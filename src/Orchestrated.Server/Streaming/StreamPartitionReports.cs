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
            var row = await db.StreamPartitions.FindAsync([p.Partition], ct);
            if (row is null)
                db.StreamPartitions.Add(row = new StreamPartitionRecord { Partition = p.Partition, Holder = holder, RecentJson = "[]" });
            row.Holder = holder;
            (row.Watermark, row.StreamTime, row.OpenSessions, row.HeldEvents, row.LateEvents, row.SessionsClosed) =
                (p.Watermark, p.StreamTime, p.OpenSessions, p.Held, p.LateEvents, p.SessionsClosed);
            (row.LastOffset, row.EventsRead, row.ResumedFrom) = (p.LastOffset, p.EventsRead, p.ResumedFrom);
            row.RecentJson = JsonSerializer.Serialize(p.Recent, Json);
            row.ReportedAt = now;
        }
        await db.SaveChangesAsync(ct);
    }

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
