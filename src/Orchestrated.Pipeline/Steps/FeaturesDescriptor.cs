using Microsoft.Extensions.Logging;
using Orchestrated.Domain.Engagement;
using Orchestrated.Storage.Layout;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Pipeline.Steps;

public sealed class FeaturesDescriptor : StepDescriptor
{
    public const string StepName = "features";

    public override string Name => StepName;
    public override string Description => "Sessions of the 28 days up to a date → each student's engagement features as of its end.";

    public override IReadOnlyList<StepParam> Params { get; } =
    [
        StepParam.Duration("inactivity_gap", "The sessions' gap (as sessionize's): a session is over that long after its last event.",
            s => s.InactivityGap, (s, v) => s with { InactivityGap = v }),
    ];

    public override IReadOnlyList<Dataset> Writes { get; } = [Dataset.StudentFeatures];

    // A stage of the engagement models, beside the contract's pipeline: the CLI's run and bench leave it out.
    public override bool InPipeline => false;

    // Only the dates that have sessions count: those before the first data simply have none.
    public override IReadOnlyList<PartitionWindow> Reads(StepSettings settings, int lateArrivalDays) =>
        [new PartitionWindow(Dataset.Sessions.Name, 1 - FeatureWindow.Days, 0, WindowUse.AsReported)];

    public override Task<StepResult> RunAsync(StepContext c, DateOnly date, IProgress<double>? progress, CancellationToken ct) =>
        new FeaturesStep(c.Store, c.Settings, c.Loggers.CreateLogger<FeaturesStep>()).RunAsync(date, progress, ct);
}
