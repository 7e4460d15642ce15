using Orchestrated.Domain.Engagement;
using Orchestrated.Domain.Engagement.Evaluation;

namespace Orchestrated.Pipeline.Engagement;

/// <summary>
/// A dropout model judged the honest way: trained on the dates before the split (their label windows ending before
/// it), evaluated on the dates after, beside the <see cref="DaysSinceLastBaseline"/> fitted on the same training rows.
/// </summary>
public static class DropoutEvaluation
{
    public static (DropoutModel Model, ModelEvaluation Evaluation) Run(IReadOnlyList<LabelledFeatures> rows, TimeSplit split,
        DateOnly lastData, int k, int seed = 1)
    {
        var training = rows.Where(r => split.Trains(r.Date)).Select(r => (r.Features, r.DropsOut)).ToList();
        var evaluated = rows.Where(r => split.Evaluates(r.Date, lastData)).ToList();
        if (evaluated.Count == 0) throw new ArgumentException($"No rows to evaluate on from {split.Cutoff:yyyy-MM-dd}.");
        var model = DropoutModel.Train(training, seed);
        var baseline = new DaysSinceLastBaseline(training);
        var probabilities = model.Probabilities(evaluated.Select(r => r.Features).ToList());
        var byModel = evaluated.Select((r, i) => new Scored(r.Date, probabilities[i], r.DropsOut)).ToList();
        var byBaseline = evaluated.Select(r => new Scored(r.Date, baseline.Probability(r.Features), r.DropsOut)).ToList();
        LeadTime LeadOf(IReadOnlyList<Scored> scored) =>
            LeadTime.Of(evaluated.Select((r, i) => (r.Features.StudentHash, r.Date, scored[i].Probability, r.DropsOut)).ToList(),
                threshold: 0.5);
        return (model, ModelEvaluation.Of(split, training.Count, training.Count(r => r.DropsOut), byModel, byBaseline, k) with
        {
            Lead = LeadOf(byModel), BaselineLead = LeadOf(byBaseline),
        });
    }
}
