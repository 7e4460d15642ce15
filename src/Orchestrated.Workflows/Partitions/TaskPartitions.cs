namespace Orchestrated.Workflows.Partitions;

/// <summary>What a task of a DAG writes and reads, by date: one place the scheduler, the ledger and the UI all read.</summary>
public sealed record TaskPartitions(IReadOnlyList<string> Writes, IReadOnlyList<PartitionWindow> Reads)
{
    public static TaskPartitions None { get; } = new([], []);
}
