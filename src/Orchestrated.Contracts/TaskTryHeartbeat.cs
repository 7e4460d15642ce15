namespace Orchestrated.Contracts;

/// <summary>
/// Sent while a try runs; a try whose heartbeats stop has lost its worker.
/// <para><c>ExecutionId</c> names one execution: a try the broker delivers twice runs twice, each under its own id, so
/// the server can show both (empty from a worker that predates it).</para>
/// </summary>
public sealed record TaskTryHeartbeat(Guid TryId, string Worker, DateTimeOffset At, double? Progress, Guid ExecutionId = default);
