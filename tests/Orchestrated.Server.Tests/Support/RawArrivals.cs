using Orchestrated.Pipeline.Sample;
using Orchestrated.Storage.Layout;
using Orchestrated.Testing;

namespace Orchestrated.Server.Tests.Support;

/// <summary>
/// A sample's raw folders, held back in a staging folder and moved into storage when a test says they arrive; and the
/// CLI's <c>run</c> over all of them on a copy — what the orchestrated outputs must equal, byte for byte.
/// </summary>
public sealed class RawArrivals : IDisposable
{
    public const string HashKey = "exactness-test-key";
    public static readonly Dataset[] Compared =
        [Dataset.Bronze, Dataset.Quarantine, Dataset.SilverEvents, Dataset.Sessions, Dataset.DailyStats];

    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrated-arrivals-").FullName;
    private readonly HashSet<DateOnly> _landed = [];

    public RawArrivals(SampleOptions sample)
    {
        Sample = sample;
        SampleDataGenerator.Write(Staging, sample);
        Directory.CreateDirectory(Storage);
    }

    public SampleOptions Sample { get; }
    public string Storage => Path.Combine(_folder, "storage");
    public string Reference => Path.Combine(_folder, "reference");
    private string Staging => Path.Combine(_folder, "staging");

    public DateOnly First => Sample.Start;
    public DateOnly Last => Sample.ArrivalEnd.AddDays(-1);
    /// <summary>The study days: their partitions can all become final (the tail days wait for arrivals after the sample).</summary>
    public DateOnly LastStudyDay => Sample.Start.AddDays(Sample.Days - 1);
    public IEnumerable<DateOnly> Dates => Enumerable.Range(0, Last.DayNumber - First.DayNumber + 1).Select(First.AddDays);
    public IEnumerable<DateOnly> Pending => Dates.Where(d => !_landed.Contains(d));

    /// <summary>The raw folder of arrival <paramref name="date"/> appears in storage.</summary>
    public void Land(DateOnly date)
    {
        if (!_landed.Add(date)) return;
        var folder = $"raw/events/date={date:yyyy-MM-dd}";
        Directory.CreateDirectory(Path.Combine(Storage, "raw", "events"));
        Directory.Move(Path.Combine(Staging, folder), Path.Combine(Storage, folder));
    }

    /// <summary>The CLI's <c>run --date First --to Last</c> over a copy of every raw folder.</summary>
    public async Task RunReferenceAsync()
    {
        if (_landed.Count > 0) throw new InvalidOperationException("run the reference before folders land");
        CopyDirectory(Path.Combine(Staging, "raw"), Path.Combine(Reference, "raw"));
        await CliRun.RunAsync(Reference, Dates, HashKey);
    }

    /// <summary>Every compared partition of every date: present in both and identical.</summary>
    public void AssertSameAsReference() => Assert.Empty(CliRun.Differences(Reference, Storage, Dates, Compared));

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
