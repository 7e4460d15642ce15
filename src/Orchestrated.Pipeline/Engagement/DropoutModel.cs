using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Trainers.FastTree;
using Orchestrated.Domain.Engagement;

namespace Orchestrated.Pipeline.Engagement;

/// <summary>A trained dropout model: probabilities for feature rows, saved to and loaded from a stream.</summary>
public sealed class DropoutModel
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _schema;

    internal DropoutModel(MLContext ml, ITransformer model, DataViewSchema schema) => (_ml, _model, _schema) = (ml, model, schema);

    public IReadOnlyList<double> Probabilities(IReadOnlyList<StudentFeatures> rows)
    {
        if (rows.Count == 0) return [];
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(rows.Select(r => FeatureVector.Of(r))));
        return scored.GetColumn<float>("Probability").Select(p => (double)p).ToList();
    }

    /// <summary>
    /// For each row, the features that pushed its risk up the most, strongest first (ML.NET's feature contributions of
    /// the trees: how far each feature moved this row's score from the average).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<(string Feature, float Contribution)>> Reasons(IReadOnlyList<StudentFeatures> rows, int top = 3)
    {
        if (rows.Count == 0) return [];
        var transformer =
            (BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>>)_model;
        var contributions = _ml.Transforms.CalculateFeatureContribution(transformer, numberOfPositiveContributions: top,
            numberOfNegativeContributions: 0, normalize: true);
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(rows.Select(r => FeatureVector.Of(r))));
        var values = contributions.Fit(scored).Transform(scored).GetColumn<float[]>("FeatureContributions").ToList();
        return values.Select(v => (IReadOnlyList<(string, float)>)v.Select((c, i) => (StudentFeatures.Names[i], c))
            .Where(x => x.Item2 > 0).OrderByDescending(x => x.Item2).ThenBy(x => x.Item1, StringComparer.Ordinal).Take(top).ToList())
            .ToList();
    }

    public void Save(Stream stream) => _ml.Model.Save(_model, _schema, stream);

    public static DropoutModel Load(Stream stream, int seed = 1)
    {
        var ml = new MLContext(seed);
        var model = ml.Model.Load(stream, out var schema);
        return new DropoutModel(ml, model, schema);
    }
}
