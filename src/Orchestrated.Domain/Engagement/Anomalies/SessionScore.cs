namespace Orchestrated.Domain.Engagement.Anomalies;

/// <summary>
/// One row of <c>gold/session_scores</c>: a session, its anomaly score from the detector and whether it passes the
/// detector's threshold, the rules it breaks, why in words, and the detector's version. The early-warning score is
/// left empty until that model exists.
/// </summary>
public sealed record SessionScore(string SessionId, string StudentHash, long SessionStart, double AnomalyScore, bool Anomalous,
    string Flags, string Why, double? EarlyWarning, string ModelVersion);
