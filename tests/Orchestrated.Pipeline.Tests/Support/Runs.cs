using Microsoft.Extensions.Logging.Abstractions;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Pipeline.Tests.Support;

public static class Runs
{
    public static PipelineSteps Steps(IObjectStore store, StepSettings settings) => new(store, settings, NullLoggerFactory.Instance);

    public static Task<IReadOnlyList<StepResult>> AllAsync(IObjectStore store, StepSettings settings, DateOnly from, DateOnly to,
        int parallel = 2) =>
        new RangeRunner(Steps(store, settings)).RunAsync(RangeRunner.Dates(from, to), StepRegistry.Standard.DataSteps, parallel);

    public static Task<StepResult> StepAsync(IObjectStore store, StepSettings settings, string step, DateOnly date) =>
        Steps(store, settings).RunAsync(step, date);
}
