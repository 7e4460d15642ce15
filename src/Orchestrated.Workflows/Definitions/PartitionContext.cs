namespace Orchestrated.Workflows.Definitions;

/// <summary>What a step's partition mapping depends on: the task's params (with a run's overrides) and the DAG's settings.</summary>
public sealed record PartitionContext(IReadOnlyDictionary<string, string> Params, int LateArrivalDays);
