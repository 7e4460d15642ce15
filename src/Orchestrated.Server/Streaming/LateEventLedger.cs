using Microsoft.EntityFrameworkCore;
using Orchestrated.Execution.Streaming;
using Orchestrated.Server.Metadata;

namespace Orchestrated.Server.Streaming;

/// <summary>
/// Late event files in the metadata database, where the partition ledger reads them (<see cref="Reports.PartitionLedger"/>).
/// Keyed by file and arrival: a file recorded twice — by a new owner reading the stream again, or by two owners while
/// a lease changes hands — is one row, first recorded when it was first written.
/// </summary>
public sealed class LateEventLedger(IDbContextFactory<MetadataDb> dbs, TimeProvider clock) : ILateEventLedger
{
    public async Task RecordAsync(IReadOnlyList<LateEventFile> files, CancellationToken ct)
    {
        if (files.Count == 0) return;
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbs.CreateDbContextAsync(ct);
            foreach (var file in files)
            {
                if (await db.LateEvents.FindAsync([file.Key, file.Arrival], ct) is { } known)
                {
                    known.Events = file.Events;
                    continue;
                }
                db.LateEvents.Add(new LateEventRecord
                {
                    FileKey = file.Key, Arrival = file.Arrival, Date = file.Date, Events = file.Events,
                    RecordedAt = clock.GetUtcNow().UtcDateTime,
                });
            }
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another owner recorded the same file meanwhile: read again, and find it.
            }
        }
    }
}
