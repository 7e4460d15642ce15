using System.IO.Compression;
using Orchestrated.Domain.Events;
using Orchestrated.Domain.Ingest;
using Orchestrated.Domain.Live;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Time;
using Orchestrated.Pipeline.Sample;
using Orchestrated.Pipeline.Tests.Support;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Pipeline.Tests.Live;

/// <summary>
/// The stream's sessions are the batch's: sample days replayed as a stream, each event arriving up to the allowed
/// lateness after its time (so in a shuffled order), give — once the days have closed — exactly the rows of
/// <c>silver/sessions</c> that the batch pipeline computes over the same raw files, id for id, for every shuffle.
/// </summary>
[Trait("Tier", "unit")]
public sealed class LiveEqualsBatchTests : IDisposable
{
    private static readonly DateOnly Start = new(2026, 3, 2);
    private const int Days = 3;
    private readonly string _root = Directory.CreateTempSubdirectory("live-batch-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    [InlineData(1, 120)]
    [InlineData(2, 120)]
    [InlineData(3, 30)]
    [InlineData(4, 1)]
    public async Task Replayed_with_bounded_disorder_the_live_sessions_equal_the_batch_sessions(int seed, int advanceEvery)
    {
        SampleDataGenerator.Write(_root, new SampleOptions(Start, Days, Students: 80, EdgeCases: true));
        var store = new LocalObjectStore(_root);
        var settings = StepSettings.Defaults;
        await Runs.AllAsync(store, settings, Start, Start.AddDays(Days - 1));
        var batch = new List<SessionRow>();
        for (var d = Start; d < Start.AddDays(Days); d = d.AddDays(1)) batch.AddRange(await Outputs.SessionsAsync(store, d));
        Assert.True(batch.Count > 200, $"{batch.Count} batch sessions");

        var options = new LiveOptions();
        var live = new List<SessionRow>();
        var late = 0;
        using var sessionizer = new LiveSessionizer(settings.Rules(), settings.HashKeyBytes(), options, live.Add, _ => late++);
        var lateness = options.AllowedLateness.Ticks / TimeSpan.TicksPerMicrosecond;
        var random = new Random(seed);
        var arrivals = (await AcceptedLinesAsync(store))
            .Select(line => (Line: line, Arrives: TimestampOf(line) + random.NextInt64(0, lateness)))
            .OrderBy(a => a.Arrives).ToList();
        var parsed = new RawEvent();
        var parser = new RawEventParser(long.MaxValue);
        for (var i = 0; i < arrivals.Count; i++)
        {
            Assert.True(parser.Parse(arrivals[i].Line, parsed).IsAccepted);
            sessionizer.Add(parsed, arrivals[i].Arrives);
            if (i % advanceEvery == 0) sessionizer.Advance(arrivals[i].Arrives);
        }
        sessionizer.Flush();

        Assert.Equal(0, late);
        Assert.Equal(Sorted(batch), Sorted(live));
    }

    private static List<SessionRow> Sorted(IEnumerable<SessionRow> rows)
    {
        var list = rows.ToList();
        list.Sort(SessionRow.OutputOrder);
        return list;
    }

    /// <summary>Every raw line the batch ingest accepts, copied, in first-seen order (arrival date, file name, line).</summary>
    private static async Task<List<byte[]>> AcceptedLinesAsync(IObjectStore store)
    {
        var lines = new List<byte[]>();
        var parsed = new RawEvent();
        foreach (var file in (await store.ListAsync("raw/events/")).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var arrival = DateOnly.ParseExact(file.Key.Split('/')[2]["date=".Length..], "yyyy-MM-dd");
            var parser = new RawEventParser(UtcMicros.StartOf(arrival.AddDays(2)));
            await using var stored = await store.OpenReadAsync(file.Key);
            await using var content = RawFileFormat.IsGzip(file.Key) ? new GZipStream(stored, CompressionMode.Decompress) : stored;
            using var reader = new RawRecordReader(content, 1 << 24);
            foreach (var record in reader.Read())
                if (record.Problem is null && parser.Parse(record.Bytes, parsed).IsAccepted) lines.Add(record.Bytes.ToArray());
        }
        return lines;
    }

    private static long TimestampOf(byte[] line)
    {
        var parsed = new RawEvent();
        new RawEventParser(long.MaxValue).Parse(line, parsed);
        return parsed.TimestampMicros;
    }
}
