using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Scheduling;

/// <summary>A new queued run of a DAG version for a logical date.</summary>
public static class RunFactory
{
    public static DagRunRecord Create(DagVersion dag, DateOnly date, RunKind kind, string key, string paramsJson, long? backfillId,
        DateTimeOffset now) => new()
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
