using Microsoft.Extensions.Logging;
using Orchestrated.Storage.Layout;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Pipeline.Steps;

public sealed class ReconcileDescriptor : StepDescriptor
{
    public const string StepName = "reconcile";

    public override string Name => StepName;
    public override string Description => "A closed day's live sessions against its batch sessions → the differences, and why.";

    public override IReadOnlyList<Dataset> Writes { get; } = [Dataset.LiveReconciliation];

    // A check of the stream against the batch, not a stage of the batch: the CLI's run and bench leave it out.
    public override bool InPipeline => false;

    // The live sessions and late events come from the stream, not from a task: only the batch sessions are waited for.
    public override IReadOnlyList<PartitionWindow> Reads(StepSettings settings, int lateArrivalDays) =>
        [new PartitionWindow(Dataset.Sessions.Name, 0, 0, WindowUse.Every)];

    public override Task<StepResult> RunAsync(StepContext c, DateOnly date, IProgress<double>? progress, CancellationToken ct) =>
        new ReconcileStep(c.Store, c.Settings, c.Loggers.CreateLogger<ReconcileStep>()).RunAsync(date, progress, ct);
}
