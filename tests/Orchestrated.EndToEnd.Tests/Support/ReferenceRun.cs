using Microsoft.Extensions.Logging.Abstractions;
using Orchestrated.Pipeline;
using Orchestrated.Pipeline.Sample;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;

namespace Orchestrated.EndToEnd.Tests.Support;

/// <summary>
/// The same raw data run in one process, date by date in the order the DAG ran them: what the distributed topology's
/// outputs must equal byte for byte.
/// </summary>
public static class ReferenceRun
{
    public static readonly Dataset[] Compared = [Dataset.Bronze, Dataset.SilverEvents, Dataset.Sessions, Dataset.DailyStats];

    public static async Task<string> RunAsync(SampleOptions sample, IEnumerable<DateOnly> datesInRunOrder, string studentHashKey)
    {
        var folder = Directory.CreateTempSubdirectory("orchestrated-reference-").FullName;
        SampleDataGenerator.Write(folder, sample);
        var steps = new PipelineSteps(ObjectStores.Open(folder), new PipelineSettings { Storage = folder, StudentHashKey = studentHashKey }, NullLoggerFactory.Instance);
        foreach (var date in datesInRunOrder)
            foreach (var step in StepNames.InOrder)
                await steps.RunAsync(step, date);
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
