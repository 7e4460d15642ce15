using Microsoft.Extensions.Logging.Abstractions;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Pipeline.Tests.Support;

public static class Runs
{
    public static PipelineSteps Steps(IObjectStore store, PipelineSettings settings) => new(store, settings, NullLoggerFactory.Instance);

    public static Task<IReadOnlyList<StepResult>> AllAsync(IObjectStore store, PipelineSettings settings, DateOnly from, DateOnly to, int parallel = 2) =>
        new RangeRunner(Steps(store, settings)).RunAsync(RangeRunner.Dates(from, to), StepNames.InOrder, parallel);

    public static Task<StepResult> StepAsync(IObjectStore store, PipelineSettings settings, string step, DateOnly date) =>
        Steps(store, settings).RunAsync(step, date);
}
