using Microsoft.Extensions.Logging;
using Orchestrated.Storage.Layout;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Pipeline.Steps;

public sealed class ScoreSessionsDescriptor : StepDescriptor
{
    public const string StepName = "score_sessions";

    public override string Name => StepName;
    public override string Description => "Sessions of a date and their events → anomaly score, flags and why, by the published detector.";

    public override IReadOnlyList<Dataset> Writes { get; } = [Dataset.SessionScores];

    public override bool InPipeline => false;

    public override IReadOnlyList<PartitionWindow> Reads(StepSettings settings, int lateArrivalDays) =>
    [
        new PartitionWindow(Dataset.Sessions.Name, 0, 0, WindowUse.Every),
        new PartitionWindow(Dataset.SilverEvents.Name, 0, 1, WindowUse.AsReported),
    ];

    public override Task<StepResult> RunAsync(StepContext c, DateOnly date, IProgress<double>? progress, CancellationToken ct) =>
        new ScoreSessionsStep(c.Store, c.Settings, c.Loggers.CreateLogger<ScoreSessionsStep>()).RunAsync(date, progress, ct);
}
