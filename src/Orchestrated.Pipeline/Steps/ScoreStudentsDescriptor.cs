using Microsoft.Extensions.Logging;
using Orchestrated.Storage.Layout;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Pipeline.Steps;

public sealed class ScoreStudentsDescriptor : StepDescriptor
{
    public const string StepName = "score_students";

    public override string Name => StepName;
    public override string Description => "Features of a date and the published dropout model → each student's risk, band, trend, reasons.";

    public override IReadOnlyList<Dataset> Writes { get; } = [Dataset.StudentRisk];

    public override bool InPipeline => false;

    // Last week's scores give the trend where they exist.
    public override IReadOnlyList<PartitionWindow> Reads(StepSettings settings, int lateArrivalDays) =>
    [
        new PartitionWindow(Dataset.StudentFeatures.Name, 0, 0, WindowUse.Every),
        new PartitionWindow(Dataset.StudentRisk.Name, -7, -7, WindowUse.AsReported),
        new PartitionWindow(Dataset.StudentCourses.Name, 1 - Orchestrated.Domain.Engagement.FeatureWindow.Days, 0, WindowUse.AsReported),
    ];

    public override Task<StepResult> RunAsync(StepContext c, DateOnly date, IProgress<double>? progress, CancellationToken ct) =>
        new ScoreStudentsStep(c.Store, c.Settings, c.Loggers.CreateLogger<ScoreStudentsStep>()).RunAsync(date, progress, ct);
}
