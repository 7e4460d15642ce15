using Orchestrated.Domain.Engagement;

namespace Orchestrated.Pipeline.Engagement;

/// <summary>
/// The dropout model: the gradient-boosted trees of <see cref="FeatureClassifier"/> over <see cref="StudentFeatures"/>,
/// with the features that raised each row's risk, by name.
/// </summary>
public sealed class DropoutModel
{
    private readonly FeatureClassifier _classifier;

    private DropoutModel(FeatureClassifier classifier) => _classifier = classifier;

    public static DropoutModel Train(IReadOnlyList<(StudentFeatures Features, bool Label)> rows, int seed = 1)
    {
        if (rows.Count == 0 || rows.All(r => r.Label) || rows.All(r => !r.Label))
            throw new ArgumentException($"Training needs students who drop out and students who stay: {rows.Count} rows, " +
                $"{rows.Count(r => r.Label)} of them dropping out.");
        return new DropoutModel(FeatureClassifier.Train(rows.Select(r => (Values(r.Features), r.Label)).ToList(), seed));
    }

    public IReadOnlyList<double> Probabilities(IReadOnlyList<StudentFeatures> rows) =>
        _classifier.Probabilities(rows.Select(Values).ToList());

    /// <summary>For each row, the features that pushed its risk up the most, strongest first.</summary>
    public IReadOnlyList<IReadOnlyList<(string Feature, float Contribution)>> Reasons(IReadOnlyList<StudentFeatures> rows, int top = 3) =>
        _classifier.Contributions(rows.Select(Values).ToList(), top)
            .Select(row => (IReadOnlyList<(string, float)>)row.Select(c => (StudentFeatures.Names[c.Feature], c.Contribution))
                .OrderByDescending(x => x.Item2).ThenBy(x => x.Item1, StringComparer.Ordinal).ToList())
            .ToList();

    public void Save(Stream stream) => _classifier.Save(stream);

    public static DropoutModel Load(Stream stream, int seed = 1) =>
        new(FeatureClassifier.Load(stream, StudentFeatures.Names.Count, seed));

    private static float[] Values(StudentFeatures features) =>
        features.Values.Length == StudentFeatures.Names.Count
            ? features.Values
            : throw new ArgumentException($"{features.Values.Length} features where the model takes {StudentFeatures.Names.Count}.");
}
