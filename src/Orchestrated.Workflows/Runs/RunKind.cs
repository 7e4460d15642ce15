namespace Orchestrated.Workflows.Runs;

public enum RunKind
{
    Scheduled,
    Manual,
    Backfill,
    /// <summary>
    /// Created by the scheduler because partitions of its date went stale (late data, a neighbour recomputed); its note
    /// says why.
    /// </summary>
    Rerun,
}
