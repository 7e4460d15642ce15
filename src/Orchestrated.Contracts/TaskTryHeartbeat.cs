namespace Orchestrated.Contracts;

/// <summary>Sent while a try runs; a try whose heartbeats stop has lost its worker.</summary>
public sealed record TaskTryHeartbeat(Guid TryId, string Worker, DateTimeOffset At, double? Progress);
