using Microsoft.Extensions.Logging;
using Orchestrated.Storage.Layout;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Pipeline.Steps;

public sealed class CoursesDescriptor : StepDescriptor
{
    public const string StepName = "courses";

    public override string Name => StepName;
    public override string Description => "Silver events of a date → the courses each student's events belong to.";

    public override IReadOnlyList<Dataset> Writes { get; } = [Dataset.StudentCourses];

    public override bool InPipeline => false;

    public override IReadOnlyList<PartitionWindow> Reads(StepSettings settings, int lateArrivalDays) =>
        [new PartitionWindow(Dataset.SilverEvents.Name, 0, 0, WindowUse.Every)];

    public override Task<StepResult> RunAsync(StepContext c, DateOnly date, IProgress<double>? progress, CancellationToken ct) =>
        new CoursesStep(c.Store, c.Settings, c.Loggers.CreateLogger<CoursesStep>()).RunAsync(date, progress, ct);
}
