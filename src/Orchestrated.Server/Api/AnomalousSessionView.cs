namespace Orchestrated.Server.Api;

/// <summary>An anomalous session: which, whose, when it began, its detector score, the rules it breaks, why in words.</summary>
public sealed record AnomalousSessionView(string SessionId, string StudentHash, DateTimeOffset SessionStart, double Score,
    IReadOnlyList<string> Flags, IReadOnlyList<string> Why);
