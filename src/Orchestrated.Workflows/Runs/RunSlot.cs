namespace Orchestrated.Workflows.Runs;

/// <summary>
/// Whether a running run counts against max_active_runs (or its backfill's concurrency). A run whose next tasks all
/// wait for partitions that other runs are still to write gives its slot up, so those runs can start: otherwise a
/// run waiting for the next date's clean events, with the next date's run queued behind it, would wait forever.
/// </summary>
public static class RunSlot
{
    public static bool Holds(IEnumerable<TaskState> taskStates)
    {
        var waiting = false;
        foreach (var state in taskStates)
        {
            if (state is TaskState.Scheduled or TaskState.Queued or TaskState.Running or TaskState.UpForRetry) return true;
            waiting |= state == TaskState.Waiting;
        }
        return !waiting;
    }
}
