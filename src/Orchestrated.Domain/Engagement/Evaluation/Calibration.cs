namespace Orchestrated.Domain.Engagement.Evaluation;

/// <summary>Whether probabilities mean what they say: the Brier score and a reliability curve.</summary>
public static class Calibration
{
    /// <summary>The mean squared gap between probability and outcome: 0 is perfect, a constant 0.5 scores 0.25.</summary>
    public static double Brier(IReadOnlyList<Scored> scored) =>
        scored.Count == 0 ? double.NaN : scored.Average(s => Math.Pow(s.Probability - (s.Label ? 1 : 0), 2));

    /// <summary>Predictions in <paramref name="bins"/> equal bins of probability: the mean predicted against the rate observed.</summary>
    public static IReadOnlyList<ReliabilityBin> Reliability(IReadOnlyList<Scored> scored, int bins = 10) =>
        scored.GroupBy(s => Math.Min(bins - 1, (int)(s.Probability * bins)))
            .OrderBy(g => g.Key)
            .Select(g => new ReliabilityBin(g.Key / (double)bins, (g.Key + 1) / (double)bins, g.Average(s => s.Probability),
                g.Average(s => s.Label ? 1.0 : 0.0), g.Count()))
            .ToList();
}
