using Microsoft.ML.Data;
using Orchestrated.Domain.Engagement;

namespace Orchestrated.Pipeline.Engagement;

/// <summary>A row as ML.NET reads it: the features of <see cref="StudentFeatures.Names"/> and, for training, the label.</summary>
public sealed class FeatureVector
{
    public const int Size = 22;

    [VectorType(Size)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }

    public static FeatureVector Of(StudentFeatures features, bool label = false)
    {
        if (features.Values.Length != Size)
            throw new ArgumentException($"{features.Values.Length} features where the model takes {Size}: the feature list changed.");
        return new FeatureVector { Features = features.Values, Label = label };
    }
}
