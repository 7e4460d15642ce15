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
