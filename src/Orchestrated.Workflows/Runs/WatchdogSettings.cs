namespace Orchestrated.Workflows.Runs;

/// <summary>Thresholds for detecting dead workers and lost dispatches.</summary>
public sealed record WatchdogSettings
{
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>A running try whose last heartbeat is older than this has lost its worker.</summary>
    public TimeSpan HeartbeatTimeout { get; init; } = TimeSpan.FromSeconds(45);
    /// <summary>A queued try not started within this is re-dispatched.</summary>
    public TimeSpan QueuedTimeout { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>How many infrastructure retries a task gets before it fails.</summary>
    public int MaxInfrastructureRetries { get; init; } = 5;
}
