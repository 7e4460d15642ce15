using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Orchestrated.Domain.Engagement;

namespace Orchestrated.Pipeline.Engagement;

/// <summary>
/// Trains the dropout model: gradient-boosted trees (ML.NET's FastTree, fully managed), calibrated by Platt scaling.
/// One thread and a fixed seed, so the same rows give the same model, bit for bit.
/// </summary>
public static class DropoutTrainer
{
    public static DropoutModel Train(IReadOnlyList<(StudentFeatures Features, bool Label)> rows, int seed = 1)
    {
        if (rows.Count == 0 || rows.All(r => r.Label) || rows.All(r => !r.Label))
            throw new ArgumentException($"Training needs students who drop out and students who stay: {rows.Count} rows, " +
                $"{rows.Count(r => r.Label)} of them dropping out.");
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(rows.Select(r => FeatureVector.Of(r.Features, r.Label)));
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            NumberOfTrees = 150, NumberOfLeaves = 16, MinimumExampleCountPerLeaf = 25, LearningRate = 0.08,
            NumberOfThreads = 1, Seed = seed, FeatureFraction = 1, Shrinkage = 1,
        });
        return new DropoutModel(ml, trainer.Fit(data), data.Schema);
    }
}
