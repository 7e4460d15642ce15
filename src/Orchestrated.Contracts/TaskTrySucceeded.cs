namespace Orchestrated.Contracts;

/// <summary>
/// A try's step finished and wrote its outputs.
/// <para><c>ExecutionId</c> names one execution: a try the broker delivers twice runs twice, each under its own id, so
/// the server can show both (empty from a worker that predates it).</para>
/// </summary>
public sealed record TaskTrySucceeded(Guid TryId, string Worker, DateTimeOffset FinishedAt, StepReport Report, IReadOnlyList<string> Log,
    Guid ExecutionId = default);
