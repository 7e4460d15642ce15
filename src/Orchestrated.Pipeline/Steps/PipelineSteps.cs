using Microsoft.Extensions.Logging;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Pipeline.Steps;

/// <summary>Runs a step by its name: the one entry point the CLI and the workers share.</summary>
public sealed class PipelineSteps(IObjectStore store, PipelineSettings settings, ILoggerFactory loggers)
{
    public IObjectStore Store => store;

    public Task<StepResult> RunAsync(string step, DateOnly date, IProgress<double>? progress = null, CancellationToken ct = default) => step switch
    {
        StepNames.Ingest => new IngestStep(store, settings, loggers.CreateLogger<IngestStep>()).RunAsync(date, progress, ct),
        StepNames.Clean => new CleanStep(store, settings, loggers.CreateLogger<CleanStep>()).RunAsync(date, progress, ct),
        StepNames.Sessionize => new SessionizeStep(store, settings, loggers.CreateLogger<SessionizeStep>()).RunAsync(date, progress, ct),
        StepNames.Aggregate => new AggregateStep(store, settings, loggers.CreateLogger<AggregateStep>()).RunAsync(date, progress, ct),
        _ => throw new ArgumentException($"Unknown step '{step}': expected one of {string.Join(", ", StepNames.InOrder)}."),
    };
}
