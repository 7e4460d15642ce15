using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Orchestrated.Pipeline.Engagement;

/// <summary>
/// Gradient-boosted trees (ML.NET's FastTree), Platt-calibrated, over feature rows of any fixed width: the dropout
/// model's (<see cref="DropoutModel"/>) and the early warning's. One thread and a fixed seed, so the same rows give the
/// same model.
/// </summary>
public sealed class FeatureClassifier
{
    private readonly MLContext _ml;
    private readonly ITransformer _model;
    private readonly DataViewSchema _schema;
    private readonly int _width;

    private FeatureClassifier(MLContext ml, ITransformer model, DataViewSchema schema, int width) =>
        (_ml, _model, _schema, _width) = (ml, model, schema, width);

    public static FeatureClassifier Train(IReadOnlyList<(float[] Features, bool Label)> rows, int seed = 1)
    {
        if (rows.Count == 0 || rows.All(r => r.Label) || rows.All(r => !r.Label))
            throw new ArgumentException($"Training needs both outcomes: {rows.Count} rows, {rows.Count(r => r.Label)} of them positive.");
        var width = rows[0].Features.Length;
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => new Row { Features = r.Features, Label = r.Label }), Schema(width));
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = 150, NumberOfLeaves = 16, MinimumExampleCountPerLeaf = 25, LearningRate = 0.08, NumberOfThreads = 1,
            Seed = seed,
        });
        return new FeatureClassifier(ml, trainer.Fit(data), data.Schema, width);
    }

    public IReadOnlyList<double> Probabilities(IReadOnlyList<float[]> rows)
    {
        if (rows.Count == 0) return [];
        if (rows.Any(r => r.Length != _width))
            throw new ArgumentException($"Rows of {_width} features expected: the feature list changed.");
        var data = _ml.Data.LoadFromEnumerable(rows.Select(r => new Row { Features = r }), Schema(_width));
        return _model.Transform(data).GetColumn<float>("Probability").Select(p => (double)p).ToList();
    }

    /// <summary>
    /// For each row, the features (by index) that raised its score the most, up to <paramref name="top"/>: ML.NET's feature
    /// contributions of the trees, how far each feature moved this row's score from the average.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<(int Feature, float Contribution)>> Contributions(IReadOnlyList<float[]> rows, int top)
    {
        if (rows.Count == 0) return [];
        var transformer =
            (BinaryPredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>>)_model;
        var contributions = _ml.Transforms.CalculateFeatureContribution(transformer, numberOfPositiveContributions: top,
            numberOfNegativeContributions: 0, normalize: true);
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(rows.Select(r => new Row { Features = r }), Schema(_width)));
        return contributions.Fit(scored).Transform(scored).GetColumn<float[]>("FeatureContributions")
            .Select(v => (IReadOnlyList<(int, float)>)v.Select((c, i) => (i, c)).Where(x => x.c > 0).OrderByDescending(x => x.c)
                .Take(top).ToList())
            .ToList();
    }

    public void Save(Stream stream) => _ml.Model.Save(_model, _schema, stream);

    public static FeatureClassifier Load(Stream stream, int width, int seed = 1)
    {
        var ml = new MLContext(seed);
        var model = ml.Model.Load(stream, out var schema);
        return new FeatureClassifier(ml, model, schema, width);
    }

    /// <summary>The row type with its vector's width set at run time (an attribute would fix it at compile time).</summary>
    private static SchemaDefinition Schema(int width)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return schema;
    }

    public sealed class Row
    {
        public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }
}
