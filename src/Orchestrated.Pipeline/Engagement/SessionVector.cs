using Microsoft.ML.Data;
using Orchestrated.Domain.Engagement.Anomalies;

namespace Orchestrated.Pipeline.Engagement;

/// <summary>A session as the anomaly detector reads it: the features of <see cref="SessionProfile.FeatureNames"/>.</summary>
public sealed class SessionVector
{
    public const int Size = 9;

    [VectorType(Size)]
    public float[] Features { get; set; } = [];
}
