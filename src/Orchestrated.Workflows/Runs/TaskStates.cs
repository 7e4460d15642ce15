namespace Orchestrated.Workflows.Runs;

public static class TaskStates
{
    public static bool IsFinished(this TaskState state) =>
        state is TaskState.Success or TaskState.Failed or TaskState.UpstreamFailed or TaskState.Skipped;

    /// <summary>Downstream tasks may run after these.</summary>
    public static bool LetsDownstreamRun(this TaskState state) => state is TaskState.Success or TaskState.Skipped;

    public static string Name(this TaskState state) => state switch
    {
        TaskState.None => "none",
        TaskState.UpForRetry => "up_for_retry",
        TaskState.UpstreamFailed => "upstream_failed",
        _ => state.ToString().ToLowerInvariant(),
    };
}
