using Microsoft.Extensions.Logging.Abstractions;
using Orchestrated.Domain.Sessions;
using Orchestrated.Pipeline.Sample;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Pipeline.Engagement;

/// <summary>
/// A sample with an engagement story, run through the batch pipeline into a folder, and its sessions: the data the
/// engagement models are measured on (a seed of its own gives data nobody tuned the models to).
/// </summary>
public static class StorySample
{
    public static async Task<IReadOnlyList<SessionRow>> SessionsAsync(string folder, SampleOptions options, int parallelism,
        CancellationToken ct)
    {
        if (options.Story is null) throw new ArgumentException("A story sample needs a story (SampleOptions.Story).");
        SampleDataGenerator.Write(folder, options);
        var store = new LocalObjectStore(folder);
        var steps = new PipelineSteps(store, StepSettings.Defaults, NullLoggerFactory.Instance);
        var dates = RangeRunner.Dates(options.Start, options.ArrivalEnd.AddDays(-1));
        await new RangeRunner(steps).RunAsync(dates, steps.Registry.DataSteps, parallelism, ct: ct);
        return await SessionHistory.ReadAsync(store, options.Start, options.ArrivalEnd.AddDays(-1), ct);
    }
}
