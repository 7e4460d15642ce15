using Orchestrated.Domain.Engagement;
using Orchestrated.Domain.Engagement.Evaluation;

namespace Orchestrated.Pipeline.Engagement;

/// <summary>
/// A binary model judged after a split by time against its baseline on the same rows: the dropout model's
/// (<see cref="DropoutEvaluation"/>) and the early warning's (<see cref="EarlyWarningEvaluation"/>).
/// </summary>
public sealed record ModelEvaluation(TimeSplit Split, int TrainingRows, int TrainingPositives, BinaryScores Model, BinaryScores Baseline,
    IReadOnlyList<RocPoint> ModelRoc, IReadOnlyList<RocPoint> BaselineRoc)
{
    /// <summary>How early the model's high-band warnings came before students' last sessions (dropout model only).</summary>
    public LeadTime? Lead { get; init; }

    /// <summary>The same for the baseline's, at the same threshold.</summary>
    public LeadTime? BaselineLead { get; init; }

    /// <summary>Published only when it ranks better than the baseline by both ROC-AUC and PR-AUC.</summary>
    public bool BeatsBaseline => Model.RocAuc > Baseline.RocAuc && Model.PrAuc > Baseline.PrAuc;

    public static ModelEvaluation Of(TimeSplit split, int trainingRows, int trainingPositives, IReadOnlyList<Scored> byModel,
        IReadOnlyList<Scored> byBaseline, int k) =>
        new(split, trainingRows, trainingPositives, BinaryScores.Of(byModel, k), BinaryScores.Of(byBaseline, k),
            RankMetrics.RocCurve(byModel), RankMetrics.RocCurve(byBaseline));
}
