namespace Orchestrated.Pipeline.Steps;

/// <summary>Reads nothing, writes nothing, succeeds: for measuring orchestration overhead and trying out a DAG's wiring.</summary>
public sealed class NoOpDescriptor : StepDescriptor
{
    public const string StepName = "noop";

    public override string Name => StepName;
    public override string Description => "Does nothing and succeeds: for measuring orchestration overhead and trying out a DAG's wiring.";

    public override Task<StepResult> RunAsync(StepContext context, DateOnly date, IProgress<double>? progress, CancellationToken ct) =>
        Task.FromResult(new StepResult { Step = Name, Date = date });
}
