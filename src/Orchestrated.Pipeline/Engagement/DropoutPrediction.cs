namespace Orchestrated.Pipeline.Engagement;

/// <summary>What the trained model says of a row: its calibrated probability of dropping out.</summary>
public sealed class DropoutPrediction
{
    public float Probability { get; set; }
}
