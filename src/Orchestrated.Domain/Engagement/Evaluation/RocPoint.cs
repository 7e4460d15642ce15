namespace Orchestrated.Domain.Engagement.Evaluation;

/// <summary>A point of a ROC curve: at some threshold, the share of negatives flagged and the share of positives found.</summary>
public readonly record struct RocPoint(double FalsePositiveRate, double TruePositiveRate);
