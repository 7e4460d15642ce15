namespace Orchestrated.Workflows.Definitions;

/// <summary>How a task is retried, timed out and held to its SLA. DAG-wide defaults, overridable per task.</summary>
public sealed record TaskSettings
{
    /// <summary>Retries after the first try; a task runs at most <c>Retries + 1</c> times for its own failures.</summary>
    public int Retries { get; init; } = 2;
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Doubles the delay after each failed try, up to <see cref="MaxRetryDelay"/>.</summary>
    public bool ExponentialBackoff { get; init; } = true;
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>A try running longer than this is failed (and retried if tries remain).</summary>
    public TimeSpan ExecutionTimeout { get; init; } = TimeSpan.FromHours(1);
    /// <summary>A try running longer than this raises an SLA alert; it keeps running.</summary>
    public TimeSpan? Sla { get; init; }
}
