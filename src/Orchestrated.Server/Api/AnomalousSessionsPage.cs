namespace Orchestrated.Server.Api;

/// <summary>The session scores of one date (null when none was found): how many sessions, how many anomalous, those shown.</summary>
public sealed record AnomalousSessionsPage(DateOnly? Date, string? ModelVersion, int Scored, int Anomalous,
    IReadOnlyList<AnomalousSessionView> Sessions);
