using Orchestrated.Domain.Engagement;
using Orchestrated.Domain.Engagement.Evaluation;

namespace Orchestrated.Pipeline.Engagement;

/// <summary>
/// A dropout model judged the honest way: trained on the dates before the split (their label windows ending before
/// it), evaluated on the dates after, beside the <see cref="DaysSinceLastBaseline"/> fitted on the same training rows.
/// </summary>
public sealed record DropoutEvaluation(TimeSplit Split, int TrainingRows, int TrainingPositives, BinaryScores Model, BinaryScores Baseline,
    IReadOnlyList<RocPoint> ModelRoc, IReadOnlyList<RocPoint> BaselineRoc)
{
    /// <summary>Published only when it ranks better than the baseline by both ROC-AUC and PR-AUC.</summary>
    public bool BeatsBaseline => Model.RocAuc > Baseline.RocAuc && Model.PrAuc > Baseline.PrAuc;

    public static (DropoutModel Model, DropoutEvaluation Evaluation) Run(IReadOnlyList<LabelledFeatures> rows, TimeSplit split,
        DateOnly lastData, int k, int seed = 1)
    {
        var training = rows.Where(r => split.Trains(r.Date)).Select(r => (r.Features, r.DropsOut)).ToList();
        var evaluated = rows.Where(r => split.Evaluates(r.Date, lastData)).ToList();
        if (evaluated.Count == 0) throw new ArgumentException($"No rows to evaluate on from {split.Cutoff:yyyy-MM-dd}.");
        var model = DropoutTrainer.Train(training, seed);
        var baseline = new DaysSinceLastBaseline(training);
        var probabilities = model.Probabilities(evaluated.Select(r => r.Features).ToList());
        var byModel = evaluated.Select((r, i) => new Scored(r.Date, probabilities[i], r.DropsOut)).ToList();
        var byBaseline = evaluated.Select(r => new Scored(r.Date, baseline.Probability(r.Features), r.DropsOut)).ToList();
        return (model, new DropoutEvaluation(split, training.Count, training.Count(r => r.DropsOut), BinaryScores.Of(byModel, k),
            BinaryScores.Of(byBaseline, k), RankMetrics.RocCurve(byModel), RankMetrics.RocCurve(byBaseline)));
    }
}
