using Microsoft.Extensions.Logging;
using Orchestrated.Storage.Layout;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Pipeline.Steps;

public sealed class AggregateDescriptor : StepDescriptor
{
    public const string StepName = "aggregate";

    public override string Name => StepName;
    public override string Description => "Sessions of a date → gold daily statistics per student.";

    public override IReadOnlyList<Dataset> Writes { get; } = [Dataset.DailyStats];

    public override IReadOnlyList<PartitionWindow> Reads(StepSettings settings, int lateArrivalDays) =>
        [new PartitionWindow(Dataset.Sessions.Name, 0, 0, WindowUse.Every)];

    public override Task<StepResult> RunAsync(StepContext c, DateOnly date, IProgress<double>? progress, CancellationToken ct) =>
        new AggregateStep(c.Store, c.Settings, c.Loggers.CreateLogger<AggregateStep>()).RunAsync(date, progress, ct);
}
