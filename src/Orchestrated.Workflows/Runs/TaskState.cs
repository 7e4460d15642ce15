namespace Orchestrated.Workflows.Runs;

/// <summary>Airflow's task-instance states, stored by name.</summary>
public enum TaskState
{
    /// <summary>Waiting for its upstream tasks.</summary>
    None,
    /// <summary>
    /// Upstream done, but partitions it reads of other dates are being produced by runs in flight: it starts when they
    /// are written (what it waits for is on the task instance).
    /// </summary>
    Waiting,
    /// <summary>Upstream done; a try is about to be dispatched.</summary>
    Scheduled,
    /// <summary>A try was sent to the broker; no worker has started it yet.</summary>
    Queued,
    Running,
    Success,
    Failed,
    /// <summary>The last try failed and another will be dispatched after the backoff delay.</summary>
    UpForRetry,
    UpstreamFailed,
    Skipped,
}
