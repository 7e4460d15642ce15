using Microsoft.Extensions.Logging;
using Orchestrated.Domain.Engagement;
using Orchestrated.Storage.Layout;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Pipeline.Steps;

public sealed class TrainAnomalyDescriptor : StepDescriptor
{
    public const string StepName = "train_anomaly";

    public override string Name => StepName;
    public override string Description =>
        "Sessions of the 28 days up to a date → the session anomaly detector (randomized PCA), published.";

    public override IReadOnlyList<StepParam> Params { get; } =
    [
        StepParam.Integer("anomalies_per_thousand", "Sessions per thousand the threshold leaves above it in training (contamination).",
            1, 499, s => s.AnomaliesPerThousand, (s, v) => s with { AnomaliesPerThousand = v }),
    ];

    // It writes a model (models/session_anomaly/<version>/), not a dated partition.
    public override bool InPipeline => false;

    public override IReadOnlyList<PartitionWindow> Reads(StepSettings settings, int lateArrivalDays) =>
    [
        new PartitionWindow(Dataset.Sessions.Name, 1 - FeatureWindow.Days, 0, WindowUse.AsReported),
        new PartitionWindow(Dataset.SilverEvents.Name, 1 - FeatureWindow.Days, 1, WindowUse.AsReported),
    ];

    public override Task<StepResult> RunAsync(StepContext c, DateOnly date, IProgress<double>? progress, CancellationToken ct) =>
        new TrainAnomalyStep(c.Store, c.Settings, c.Loggers.CreateLogger<TrainAnomalyStep>()).RunAsync(date, progress, ct);
}
