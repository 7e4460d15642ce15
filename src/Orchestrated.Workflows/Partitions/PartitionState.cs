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
