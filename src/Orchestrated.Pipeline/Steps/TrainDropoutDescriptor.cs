using Microsoft.Extensions.Logging;
using Orchestrated.Storage.Layout;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Pipeline.Steps;

public sealed class TrainDropoutDescriptor : StepDescriptor
{
    public const string StepName = "train_dropout";

    public override string Name => StepName;
    public override string Description =>
        "Sessions up to a date → a dropout model, judged on the later dates against the baseline; published when better.";

    public override IReadOnlyList<StepParam> Params { get; } =
    [
        StepParam.Integer("label_days", "Dropout means no session in this many days after the date.", 1, 90,
            s => s.DropoutHorizonDays, (s, v) => s with { DropoutHorizonDays = v }),
        StepParam.Integer("training_days", "Days of sessions, up to the date, to train and evaluate on.", 21, 3660,
            s => s.TrainingDays, (s, v) => s with { TrainingDays = v }),
        StepParam.Integer("teacher_capacity", "Students a day a teacher can reach: the k of precision at k.", 1, 10_000,
            s => s.TeacherCapacity, (s, v) => s with { TeacherCapacity = v }),
        StepParam.Duration("inactivity_gap", "The sessions' gap (as sessionize's): a session is over that long after its last event.",
            s => s.InactivityGap, (s, v) => s with { InactivityGap = v }),
    ];

    // It writes a model (models/dropout/<version>/), not a dated partition.
    public override bool InPipeline => false;

    public override IReadOnlyList<PartitionWindow> Reads(StepSettings settings, int lateArrivalDays) =>
        [new PartitionWindow(Dataset.Sessions.Name, 1 - settings.TrainingDays, 0, WindowUse.AsReported)];

    public override Task<StepResult> RunAsync(StepContext c, DateOnly date, IProgress<double>? progress, CancellationToken ct) =>
        new TrainDropoutStep(c.Store, c.Settings, c.Loggers.CreateLogger<TrainDropoutStep>()).RunAsync(date, progress, ct);
}
