namespace Orchestrated.Contracts;

/// <summary>
/// A try that did not succeed. <see cref="Retryable"/>: retrying can help (missing input, transient fault);
/// <see cref="Abandoned"/>: the worker gave the work back (shutting down), so it is retried at once and not counted
/// against the task's own retries.
/// <para><c>ExecutionId</c> names one execution: a try the broker delivers twice runs twice, each under its own id, so
/// the server can show both (empty from a worker that predates it).</para>
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
    IReadOnlyList<string> Log,
    Guid ExecutionId = default);
