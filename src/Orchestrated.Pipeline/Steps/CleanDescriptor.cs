using Microsoft.Extensions.Logging;
using Orchestrated.Storage.Layout;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Pipeline.Steps;

public sealed class CleanDescriptor : StepDescriptor
{
    public const string StepName = "clean";

    public override string Name => StepName;
    public override string Description =>
        "Bronze → silver events of an event date: hashed students, normalised fields, duplicates dropped.";

    public override IReadOnlyList<Dataset> Writes { get; } = [Dataset.SilverEvents];

    /// <summary>
    /// Events of D arrive up to <c>late_arrival_days</c> later; and since the contract accepts an event up to 24 h
    /// after the end of its arrival day, arrival D-1 can hold events of D too (and D-2 those at D's very first instant).
    /// </summary>
    public override IReadOnlyList<PartitionWindow> Reads(StepSettings settings, int lateArrivalDays) =>
        [new PartitionWindow(Dataset.Bronze.Name, -2, lateArrivalDays, WindowUse.Every)];

    public override Task<StepResult> RunAsync(StepContext c, DateOnly date, IProgress<double>? progress, CancellationToken ct) =>
        new CleanStep(c.Store, c.Settings, c.Loggers.CreateLogger<CleanStep>()).RunAsync(date, progress, ct);
}
