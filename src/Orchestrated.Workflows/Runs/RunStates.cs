namespace Orchestrated.Workflows.Runs;

public static class RunStates
{
    public static bool IsFinished(this RunState state) => state is RunState.Success or RunState.Failed or RunState.Cancelled;
}
