namespace Orchestrated.Workflows.Partitions;

/// <summary>
/// A partition's state, with the reasons: what changed, which mapped inputs are missing, which inputs are provisional,
/// and — through those — every missing partition it ultimately waits for (<see cref="Awaiting"/>).
/// </summary>
public sealed record PartitionStatus(
    string Dataset,
    DateOnly Date,
    PartitionState State,
    LedgerPartition? Partition,
    IReadOnlyList<InputChange> Changed,
    IReadOnlyList<string> MissingInputs,
    IReadOnlyList<string> ProvisionalInputs,
    IReadOnlyList<string> Awaiting,
    DateTime? FinalSince)
{
    public static string Name(PartitionState state) => state switch
    {
        PartitionState.Missing => "missing",
        PartitionState.Final => "final",
        PartitionState.Provisional => "provisional",
        PartitionState.Stale => "stale",
        _ => "failed",
    };
}
