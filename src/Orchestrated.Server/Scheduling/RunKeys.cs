namespace Orchestrated.Server.Scheduling;

/// <summary>Unique per DAG: the key of a scheduled run cannot be created twice, so a cron never fires twice.</summary>
public static class RunKeys
{
    public static string Scheduled(DateOnly date) => $"scheduled__{date:yyyy-MM-dd}";

    public static string Manual(DateOnly date, DateTimeOffset at) => $"manual__{date:yyyy-MM-dd}__{at:yyyyMMddTHHmmssfff}";

    public static string Backfill(long backfillId, DateOnly date) => $"backfill__{backfillId}__{date:yyyy-MM-dd}";

    /// <summary>Unique even for two re-runs of a date at one instant (a fake clock in tests).</summary>
    public static string Rerun(DateOnly date, DateTimeOffset at) =>
        $"rerun__{date:yyyy-MM-dd}__{at:yyyyMMddTHHmmssfff}__{Guid.NewGuid():N}";
}
