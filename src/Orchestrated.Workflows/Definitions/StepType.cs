using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Workflows.Definitions;

/// <param name="Partitions">What a task of this type writes and reads by date, given its params and the DAG's settings.</param>
public sealed record StepType(string Name, string Description, IReadOnlyList<ParamSpec> Params,
    Func<PartitionContext, TaskPartitions> Partitions);
