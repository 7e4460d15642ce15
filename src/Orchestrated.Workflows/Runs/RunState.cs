namespace Orchestrated.Workflows.Runs;

public enum RunState
{
    /// <summary>Created, waiting for a slot under the DAG's max active runs.</summary>
    Queued,
    Running,
    Success,
    Failed,
    /// <summary>Cancelled before it finished (a cancelled backfill); its unfinished tasks are skipped.</summary>
    Cancelled,
}

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

public static class RunStates
{
    public static bool IsFinished(this RunState state) => state is RunState.Success or RunState.Failed or RunState.Cancelled;
}
