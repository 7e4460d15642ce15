using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Scheduling;

public static class RunKeys
{
    public static string Scheduled(DateOnly date) => $"scheduled__{date:yyyy-MM-dd}";

    public static string Manual(DateOnly date, DateTimeOffset at) => $"manual__{date:yyyy-MM-dd}__{at:yyyyMMddTHHmmssfff}";

    public static string Backfill(long backfillId, DateOnly date) => $"backfill__{backfillId}__{date:yyyy-MM-dd}";

    public static string Rerun(DateOnly date, DateTimeOffset at) => $"rerun__{date:yyyy-MM-dd}__{at:yyyyMMddTHHmmssfff}__{Guid.NewGuid():N}";
}

public static class RunFactory
{
    public static DagRunRecord Create(DagVersion dag, DateOnly date, RunKind kind, string key, string paramsJson, long? backfillId, DateTimeOffset now) => new()
    {
        DagId = dag.Definition.Id,
        RunKey = key,
        LogicalDate = date,
        // Partitions are UTC dates: a run's data interval is its UTC day, whatever the schedule's time zone.
        DataIntervalStart = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        DataIntervalEnd = date.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        Kind = kind,
        State = RunState.Queued,
        DagVersion = dag.Version,
        ParamsJson = paramsJson,
        BackfillId = backfillId,
        CreatedAt = now.UtcDateTime,
    };
}
