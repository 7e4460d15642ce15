using Microsoft.Extensions.Logging.Abstractions;
using Orchestrated.Pipeline;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Testing;

/// <summary>
/// The CLI's <c>run</c> over a range (every date ingested before any is cleaned, and so on): what orchestrated outputs
/// must equal byte for byte, whatever order their runs took.
/// </summary>
public static class CliRun
{
    public static async Task RunAsync(string root, IEnumerable<DateOnly> dates, string studentHashKey)
    {
        var steps =
            new PipelineSteps(ObjectStores.Open(root), new StepSettings { StudentHashKey = studentHashKey }, NullLoggerFactory.Instance);
        await new RangeRunner(steps).RunAsync(dates.Order().ToList(), StepRegistry.Standard.DataSteps, parallelism: 2);
    }

    /// <summary>
    /// Each partition of <paramref name="dates"/> × <paramref name="datasets"/> missing from either folder or different between them.
    /// </summary>
    public static IReadOnlyList<string> Differences(string expectedRoot, string actualRoot, IEnumerable<DateOnly> dates,
        IEnumerable<Dataset> datasets)
    {
        var differences = new List<string>();
        foreach (var date in dates)
            foreach (var dataset in datasets)
            {
                var key = dataset.PartKey(date);
                var (expected, actual) = (Path.Combine(expectedRoot, key), Path.Combine(actualRoot, key));
                if (!File.Exists(expected)) differences.Add($"{key}: not written by the CLI's run");
                else if (!File.Exists(actual)) differences.Add($"{key}: not written by the orchestrated runs");
                else if (!File.ReadAllBytes(expected).AsSpan().SequenceEqual(File.ReadAllBytes(actual))) differences.Add($"{key}: differs");
            }
        return differences;
    }
}
