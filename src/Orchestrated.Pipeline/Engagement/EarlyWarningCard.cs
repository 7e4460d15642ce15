namespace Orchestrated.Pipeline.Engagement;

/// <summary>
/// What is stored beside the early-warning model (<c>metrics.json</c>): how long into a session it looks, what counts
/// as low engagement, its features, how it did against the length-only baseline after the split, and the decision.
/// </summary>
public sealed record EarlyWarningCard(
    string Name,
    string Version,
    DateOnly TrainedAsOf,
    int OpeningMinutes,
    int LowBelowMinutes,
    IReadOnlyList<string> Features,
    ModelEvaluation Evaluation,
    bool Published,
    string Decision);
