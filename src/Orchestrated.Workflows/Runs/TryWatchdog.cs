namespace Orchestrated.Workflows.Runs;

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
