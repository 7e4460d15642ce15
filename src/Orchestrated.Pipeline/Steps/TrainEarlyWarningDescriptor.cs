using Microsoft.Extensions.Logging;
using Orchestrated.Storage.Layout;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Pipeline.Steps;

public sealed class TrainEarlyWarningDescriptor : StepDescriptor
{
    public const string StepName = "train_early_warning";

    public override string Name => StepName;
    public override string Description =>
        "Sessions and events up to a date → the low-engagement early warning (first 5 minutes), judged against the length-only baseline.";

    public override IReadOnlyList<StepParam> Params { get; } =
    [
        StepParam.Integer("low_below_minutes", "A session is low-engagement when its active time ends under this many minutes.", 1, 600,
            s => s.LowEngagementMinutes, (s, v) => s with { LowEngagementMinutes = v }),
        StepParam.Integer("training_days", "Days of sessions, up to the date, to train and evaluate on.", 21, 3660,
            s => s.TrainingDays, (s, v) => s with { TrainingDays = v }),
    ];

    // It writes a model (models/early_warning/<version>/), not a dated partition.
    public override bool InPipeline => false;

    public override IReadOnlyList<PartitionWindow> Reads(StepSettings settings, int lateArrivalDays) =>
    [
        new PartitionWindow(Dataset.Sessions.Name, 1 - settings.TrainingDays, 0, WindowUse.AsReported),
        new PartitionWindow(Dataset.SilverEvents.Name, 1 - settings.TrainingDays, 1, WindowUse.AsReported),
    ];

    public override Task<StepResult> RunAsync(StepContext c, DateOnly date, IProgress<double>? progress, CancellationToken ct) =>
        new TrainEarlyWarningStep(c.Store, c.Settings, c.Loggers.CreateLogger<TrainEarlyWarningStep>()).RunAsync(date, progress, ct);
}
