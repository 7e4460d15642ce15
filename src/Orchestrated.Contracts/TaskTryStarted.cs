namespace Orchestrated.Contracts;

/// <summary>
/// A worker began running a try.
/// <para><c>ExecutionId</c> names one execution: a try the broker delivers twice runs twice, each under its own id, so
/// the server can show both (empty from a worker that predates it).</para>
/// </summary>
public sealed record TaskTryStarted(Guid TryId, string Worker, DateTimeOffset StartedAt, Guid ExecutionId = default);
