namespace Orchestrated.Workflows.Runs;

/// <summary>What the watchdog concluded about an unfinished try.</summary>
public enum TryVerdict
{
    Healthy,
    /// <summary>Running past the task's execution timeout: a failure of the task, counted against its retries.</summary>
    TimedOut,
    /// <summary>Started, but its worker stopped sending heartbeats: an infrastructure failure, retried apart.</summary>
    WorkerLost,
    /// <summary>Sent to the broker but never started: the message or the queue's consumers are gone.</summary>
    DispatchLost,
}

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

public static class TryWatchdog
{
    public static TryVerdict Check(TaskState state, DateTimeOffset queuedAt, DateTimeOffset? startedAt, DateTimeOffset? lastHeartbeat,
        TimeSpan executionTimeout, WatchdogSettings settings, DateTimeOffset now)
    {
        if (state == TaskState.Queued)
            return now - queuedAt > settings.QueuedTimeout ? TryVerdict.DispatchLost : TryVerdict.Healthy;
        if (state != TaskState.Running || startedAt is not { } started) return TryVerdict.Healthy;
        if (now - started > executionTimeout) return TryVerdict.TimedOut;
        var lastSign = lastHeartbeat ?? started;
        return now - lastSign > settings.HeartbeatTimeout ? TryVerdict.WorkerLost : TryVerdict.Healthy;
    }
}
