using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Metadata;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Scheduling;

public static class BackfillProgress
{
    /// <summary>
    /// Running backfills with no run left queued or running are completed. The scheduler asks after planning re-runs,
    /// so a backfill whose last runs made a date of its range stale completes only once that date has run again.
    /// </summary>
    public static async Task CompleteFinishedAsync(MetadataDb db, TimeProvider clock, CancellationToken ct)
    {
        var open = await db.Backfills.Where(b => b.State == BackfillState.Running).ToListAsync(ct);
        if (open.Count == 0) return;
        var ids = open.Select(b => b.Id).ToList();
        var busy = (await db.Runs
            .Where(r => r.BackfillId != null && ids.Contains(r.BackfillId.Value))
            .Where(r => r.State == RunState.Queued || r.State == RunState.Running)
            .Select(r => r.BackfillId!.Value).Distinct().ToListAsync(ct)).ToHashSet();
        foreach (var backfill in open.Where(b => !busy.Contains(b.Id)))
        {
            backfill.State = BackfillState.Completed;
            backfill.EndedAt = clock.GetUtcNow().UtcDateTime;
        }
        await db.SaveChangesAsync(ct);
    }
}
