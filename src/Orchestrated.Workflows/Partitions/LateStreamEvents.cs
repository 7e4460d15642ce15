namespace Orchestrated.Workflows.Partitions;

/// <summary>
/// Events that reached a partition of data from outside the DAG (the raw zone) after the stream had passed them: the
/// stream sessionizer saw them behind its watermark. They are in <see cref="Dataset"/> <see cref="Date"/> (their
/// arrival) and hold events of <see cref="HoldsDate"/>; the latest of them came at <see cref="At"/>.
/// </summary>
public sealed record LateStreamEvents(string Dataset, DateOnly Date, DateOnly HoldsDate, long Events, DateTime At);
