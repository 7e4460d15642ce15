namespace Orchestrated.Workflows.Partitions;

/// <summary>A task of another run that will write a partition: unfinished while its run is queued or the task has not ended.</summary>
public sealed record Producer(long RunId, DateOnly Date, string TaskId, bool Finished);
