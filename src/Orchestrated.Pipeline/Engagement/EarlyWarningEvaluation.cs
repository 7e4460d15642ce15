using Orchestrated.Domain.Engagement;
using Orchestrated.Domain.Engagement.EarlyWarning;
using Orchestrated.Domain.Engagement.Evaluation;

namespace Orchestrated.Pipeline.Engagement;

/// <summary>
/// The early warning trained on the sessions of the dates before the split and judged on the later ones, beside the
/// length-only baseline fitted on the same rows. A session's outcome is known the day it ends, so the split leaves a
/// day between training and evaluation.
/// </summary>
public static class EarlyWarningEvaluation
{
    public const int LabelDays = 1;

    public static (FeatureClassifier Model, ModelEvaluation Evaluation) Run(
        IReadOnlyList<(DateOnly Date, string SessionId, float[] Features, bool Low)> rows, TimeSplit split, DateOnly lastData, int k,
        int seed = 1)
    {
        var training = rows.Where(r => split.Trains(r.Date)).Select(r => (r.Features, r.Low)).ToList();
        var evaluated = rows.Where(r => split.Evaluates(r.Date, lastData)).ToList();
        if (evaluated.Count == 0) throw new ArgumentException($"No sessions to evaluate on from {split.Cutoff:yyyy-MM-dd}.");
        var model = FeatureClassifier.Train(training, seed);
        var baseline = new UsualLengthBaseline(training);
        var probabilities = model.Probabilities(evaluated.Select(r => r.Features).ToList());
        var byModel = evaluated.Select((r, i) => new Scored(r.Date, probabilities[i], r.Low)).ToList();
        var byBaseline = evaluated.Select(r => new Scored(r.Date, baseline.Probability(r.Features), r.Low)).ToList();
        return (model, ModelEvaluation.Of(split, training.Count, training.Count(r => r.Low), byModel, byBaseline, k));
    }
}
