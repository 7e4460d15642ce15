using Orchestrated.Pipeline.Sample;
using Orchestrated.Storage.Layout;
using Orchestrated.Testing;

namespace Orchestrated.EndToEnd.Tests.Support;

/// <summary>
/// The same raw data through the CLI's <c>run</c> over the same dates: what the distributed topology's outputs must equal.
/// </summary>
public static class ReferenceRun
{
    public static readonly Dataset[] Compared = [Dataset.Bronze, Dataset.SilverEvents, Dataset.Sessions, Dataset.DailyStats];

    public static async Task<string> RunAsync(SampleOptions sample, IEnumerable<DateOnly> dates, string studentHashKey)
    {
        var folder = Directory.CreateTempSubdirectory("orchestrated-reference-").FullName;
        SampleDataGenerator.Write(folder, sample);
        await CliRun.RunAsync(folder, dates, studentHashKey);
        return folder;
    }

    /// <summary>Every compared partition of <paramref name="dates"/>: present in both and identical.</summary>
    public static void AssertSameOutputs(string expectedRoot, string actualRoot, IEnumerable<DateOnly> dates) =>
        Assert.Empty(CliRun.Differences(expectedRoot, actualRoot, dates, Compared));
}
