using Microsoft.Extensions.Logging;
using Orchestrated.Domain.Engagement;
using Orchestrated.Storage.Layout;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Pipeline.Steps;

public sealed class ScoreSessionsDescriptor : StepDescriptor
{
    public const string StepName = "score_sessions";

    public override string Name => StepName;
    public override string Description =>
        "Sessions of a date and their events → anomaly score, flags and why, and the early warning, by the published models.";

    public override IReadOnlyList<Dataset> Writes { get; } = [Dataset.SessionScores];

    public override bool InPipeline => false;

    public override IReadOnlyList<PartitionWindow> Reads(StepSettings settings, int lateArrivalDays) =>
    [
        // The date's sessions (the step fails without them), and the four weeks before for the early warning's history.
        new PartitionWindow(Dataset.Sessions.Name, -FeatureWindow.Days, 0, WindowUse.AsReported),
        new PartitionWindow(Dataset.SilverEvents.Name, 0, 1, WindowUse.AsReported),
    ];

    public override Task<StepResult> RunAsync(StepContext c, DateOnly date, IProgress<double>? progress, CancellationToken ct) =>
        new ScoreSessionsStep(c.Store, c.Settings, c.Loggers.CreateLogger<ScoreSessionsStep>()).RunAsync(date, progress, ct);
}
