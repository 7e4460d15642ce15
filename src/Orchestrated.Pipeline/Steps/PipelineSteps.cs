using Microsoft.Extensions.Logging;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Pipeline.Steps;

/// <summary>Runs a step by its name through its descriptor: the one entry point the CLI and the workers share.</summary>
public sealed class PipelineSteps(IObjectStore store, StepSettings settings, ILoggerFactory loggers, StepRegistry? registry = null)
{
    public IObjectStore Store => store;

    public StepRegistry Registry { get; } = registry ?? StepRegistry.Standard;

    public Task<StepResult> RunAsync(string step, DateOnly date, IProgress<double>? progress = null, CancellationToken ct = default) =>
        Registry.Get(step).RunAsync(new StepContext(store, settings, loggers), date, progress, ct);
}
