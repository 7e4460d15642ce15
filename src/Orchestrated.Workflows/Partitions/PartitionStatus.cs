namespace Orchestrated.Workflows.Partitions;

public enum PartitionState
{
    /// <summary>Never written.</summary>
    Missing,
    /// <summary>Written from every input it maps to, each final itself: it will not change unless later data arrives.</summary>
    Final,
    /// <summary>Written before all the partitions it maps to existed (or from inputs that are provisional themselves).</summary>
    Provisional,
    /// <summary>An input changed after it was written: recomputing it gives other rows.</summary>
    Stale,
    /// <summary>Written, but a hard data-quality check failed.</summary>
    Failed,
}

/// <summary>Something a partition was built from that has changed since, and when.</summary>
public sealed record InputChange(string What, string? Dataset, DateOnly? Date, DateTime ChangedAt);

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
