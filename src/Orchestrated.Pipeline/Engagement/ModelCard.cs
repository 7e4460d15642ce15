using Orchestrated.Domain.Engagement.Evaluation;

namespace Orchestrated.Pipeline.Engagement;

/// <summary>
/// What is stored beside a model (<c>metrics.json</c>): which it is, what it was trained on, how it was judged against
/// the baseline and against the model published when it was trained, and whether it was published, and why.
/// </summary>
public sealed record ModelCard(
    string Name,
    string Version,
    DateOnly TrainedAsOf,
    int HorizonDays,
    IReadOnlyList<string> Features,
    ModelEvaluation Evaluation,
    string? PreviousVersion,
    BinaryScores? PreviousOnTheSameRows,
    bool Published,
    string Decision);
