namespace Orchestrated.Domain.Engagement.Evaluation;

/// <summary>Predictions with a probability in [From, To): their mean, the share that came true, how many.</summary>
public sealed record ReliabilityBin(double From, double To, double MeanPredicted, double Observed, int Count);
