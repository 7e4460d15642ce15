namespace Orchestrated.Contracts;

public sealed record TaskTryStarted(Guid TryId, string Worker, DateTimeOffset StartedAt);
