namespace Orchestrated.Contracts;

public sealed record TaskTryStarted(Guid TryId, string Worker, DateTimeOffset StartedAt);

/// <summary>Sent while a try runs; a try whose heartbeats stop has lost its worker.</summary>
public sealed record TaskTryHeartbeat(Guid TryId, string Worker, DateTimeOffset At, double? Progress);

public sealed record TaskTrySucceeded(Guid TryId, string Worker, DateTimeOffset FinishedAt, StepReport Report, IReadOnlyList<string> Log);

/// <summary>
/// A try that did not succeed. <see cref="Retryable"/>: retrying can help (missing input, transient fault);
/// <see cref="Abandoned"/>: the worker gave the work back (shutting down), so it is retried at once and not counted
/// against the task's own retries.
/// </summary>
public sealed record TaskTryFailed(
    Guid TryId,
    string Worker,
    DateTimeOffset FinishedAt,
    string Error,
    string ErrorType,
    bool Retryable,
    bool Abandoned,
    IReadOnlyList<QualityCheck> DataQuality,
    IReadOnlyList<string> Log);
