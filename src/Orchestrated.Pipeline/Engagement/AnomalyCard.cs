namespace Orchestrated.Pipeline.Engagement;

/// <summary>
/// What is stored beside the session anomaly detector: what it learnt from, the threshold its contamination gave, and
/// how it agrees with the rules on the sessions it learnt from (the share of each rule's sessions it also flags).
/// </summary>
public sealed record AnomalyCard(
    string Name,
    string Version,
    DateOnly TrainedAsOf,
    DateOnly From,
    IReadOnlyList<string> Features,
    int Sessions,
    double Contamination,
    double Threshold,
    double FlaggedShare,
    IReadOnlyDictionary<string, int> RuleSessions,
    IReadOnlyDictionary<string, double> RuleSessionsFlagged);
