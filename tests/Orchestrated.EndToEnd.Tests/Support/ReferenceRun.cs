using Microsoft.Extensions.Logging.Abstractions;
using Orchestrated.Pipeline;
using Orchestrated.Pipeline.Sample;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;

namespace Orchestrated.EndToEnd.Tests.Support;

/// <summary>
/// The same raw data through the CLI's <c>run</c> over the same dates (every date ingested before any is cleaned, and
/// so on): what the distributed topology's outputs must equal byte for byte, whatever order its runs took.
/// </summary>
public static class ReferenceRun
{
    public static readonly Dataset[] Compared = [Dataset.Bronze, Dataset.SilverEvents, Dataset.Sessions, Dataset.DailyStats];

    public static async Task<string> RunAsync(SampleOptions sample, IEnumerable<DateOnly> dates, string studentHashKey)
    {
        var folder = Directory.CreateTempSubdirectory("orchestrated-reference-").FullName;
        SampleDataGenerator.Write(folder, sample);
        var steps = new PipelineSteps(ObjectStores.Open(folder), new PipelineSettings { Storage = folder, StudentHashKey = studentHashKey }, NullLoggerFactory.Instance);
        await new RangeRunner(steps).RunAsync(dates.Order().ToList(), StepNames.InOrder, parallelism: 2);
        return folder;
    }

    /// <summary>Every compared partition of <paramref name="dates"/>: present in both and identical.</summary>
    public static void AssertSameOutputs(string expectedRoot, string actualRoot, IEnumerable<DateOnly> dates)
    {
        foreach (var date in dates)
            foreach (var dataset in Compared)
            {
                var key = dataset.PartKey(date);
                var expected = Path.Combine(expectedRoot, key);
                var actual = Path.Combine(actualRoot, key);
                Assert.True(File.Exists(expected), $"the reference run wrote no {key}");
                Assert.True(File.Exists(actual), $"the distributed run wrote no {key}");
                Assert.True(File.ReadAllBytes(expected).AsSpan().SequenceEqual(File.ReadAllBytes(actual)),
                    $"{key} differs between the distributed run and the in-process run of the same data");
            }
    }
}
