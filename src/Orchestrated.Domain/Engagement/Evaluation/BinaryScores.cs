namespace Orchestrated.Domain.Engagement.Evaluation;

/// <summary>How good one set of predictions is: ranking, the top of the list, calibration.</summary>
/// <param name="K">A teacher's capacity: how many students a day they can reach (for <see cref="PrecisionAtK"/>).</param>
public sealed record BinaryScores(int Count, int Positives, double RocAuc, double PrAuc, int K, double PrecisionAtK, double Brier,
    IReadOnlyList<ReliabilityBin> Reliability)
{
    public static BinaryScores Of(IReadOnlyList<Scored> scored, int k) => new(
        scored.Count, scored.Count(s => s.Label), RankMetrics.RocAuc(scored), RankMetrics.PrAuc(scored), k,
        RankMetrics.PrecisionAtK(scored, k), Calibration.Brier(scored), Calibration.Reliability(scored));
}
