using Orchestrated.Workflows.Definitions;
using Orchestrated.Workflows.Partitions;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Server.Dags;

/// <summary>A parsed DAG version, its schedule and its partition mappings.</summary>
public sealed record DagVersion(DagDefinition Definition, int Version, CronSchedule Schedule, DagPartitions Partitions);
