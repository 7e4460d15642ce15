using System.Text;
using Orchestrated.Domain.Events;
using Orchestrated.Domain.Live;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Tests.Live;

/// <summary>
/// A checkpoint taken anywhere and restored into a fresh sessionizer decides every later event as the original would
/// have: the same sessions (pages past the inline eight, caps, devices), the same late events, the same duplicates.
/// </summary>
public sealed class LiveCheckpointTests
{
    private static readonly long T0 = UtcMicros.StartOf(new DateOnly(2026, 3, 2)) + 22 * 3600 * UtcMicros.PerSecond;

    /// <summary>Events across midnight, some duplicated, some id-less, some far behind, in bounded disorder.</summary>
    private static List<(byte[] Line, long Wall)> Events(int seed)
    {
        var random = new Random(seed);
        var events = new List<(byte[], long)>();
        var clock = T0;
        for (var i = 0; i < 3000; i++)
        {
            clock += random.Next(0, 8) * UtcMicros.PerSecond;
            var ts = random.Next(100) < 3 ? clock - 3600 * UtcMicros.PerSecond : clock - random.Next(0, 90) * UtcMicros.PerSecond;
            var id = random.Next(100) switch
            {
                < 5 => $"\"event_id\":\"e{i - random.Next(1, 50)}\",", < 8 => "", _ => $"\"event_id\":\"e{i}\",",
            };
            var device = random.Next(4) == 0 ? "mobile" : "desktop";
            var line = $"{{{id}\"student_id\":\"S{random.Next(25)}\",\"timestamp\":\"{UtcMicros.Format(ts)}\"," +
                $"\"event_type\":\"page_view\",\"page_url\":\"/course/C1/chapter/{random.Next(3)}/page/{random.Next(12)}\"," +
                $"\"device\":\"{device}\"," +
                $"\"metadata\":{{\"time_spent_sec\":{random.Next(1, 60)}}}}}";
            events.Add((Encoding.UTF8.GetBytes(line), clock));
        }
        return events;
    }

    private sealed class Run
    {
        public readonly List<SessionRow> Closed = [];
        public readonly List<string> Late = [];
        public LiveSessionizer Sessionizer = null!;

        public LiveSessionizer New(SessionRules rules) => Sessionizer = new LiveSessionizer(rules, "checkpoint-key"u8.ToArray(),
            new LiveOptions(), Closed.Add, e => Late.Add($"{UtcMicros.Format(e.TimestampMicros)} {e.EventId?.Length}"));

        /// <summary>Feeds events, advancing after every seventh of the whole stream (the cadence counts from its start).</summary>
        public void Feed(IEnumerable<(byte[] Line, long Wall)> events, int first = 0)
        {
            var parser = new RawEventParser(long.MaxValue);
            var parsed = new RawEvent();
            var n = first;
            foreach (var (line, wall) in events)
            {
                Assert.True(parser.Parse(line, parsed).IsAccepted);
                Sessionizer.Add(parsed, wall);
                if (++n % 7 == 0) Sessionizer.Advance(wall);
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 700)]
    [InlineData(3, 1500)]
    [InlineData(4, 2999)]
    public void A_checkpoint_restored_decides_the_rest_as_the_original(int seed, int cut)
    {
        // A 45-minute cap, so capped sessions are open at some checkpoints.
        var rules = SessionRules.Default with { MaxSessionDuration = TimeSpan.FromMinutes(45) };
        var events = Events(seed);
        var whole = new Run();
        using (whole.New(rules))
        {
            whole.Feed(events);
            whole.Sessionizer.Flush();
        }

        var split = new Run();
        byte[] checkpoint;
        using (split.New(rules))
        {
            split.Feed(events.GetRange(0, cut));
            Assert.True(split.Sessionizer.OpenSessions > 0 || cut == 1, "nothing open at the cut: a weak test");
            using var bytes = new MemoryStream();
            using (var w = new BinaryWriter(bytes, LiveStateFormat.Encoding, leaveOpen: true))
                LiveStateFormat.Write(w, split.Sessionizer.Snapshot());
            checkpoint = bytes.ToArray();
        }
        using (split.New(rules))
        {
            using (var r = new BinaryReader(new MemoryStream(checkpoint), LiveStateFormat.Encoding))
                split.Sessionizer.Restore(LiveStateFormat.Read(r));
            split.Feed(events.GetRange(cut, events.Count - cut), first: cut);
            split.Sessionizer.Flush();
            Assert.Equal(whole.Sessionizer.LateEvents, split.Sessionizer.LateEvents);
            Assert.Equal(whole.Sessionizer.Duplicates, split.Sessionizer.Duplicates);
        }

        Assert.Contains(whole.Closed, s => s.PagesVisited > 8);
        Assert.Contains(whole.Closed, s => s.Capped);
        Assert.NotEmpty(whole.Late);
        whole.Closed.Sort(SessionRow.OutputOrder);
        split.Closed.Sort(SessionRow.OutputOrder);
        Assert.Equal(whole.Closed, split.Closed);
        Assert.Equal(whole.Late, split.Late);
    }

    [Fact]
    public void A_checkpoint_of_another_version_is_refused_by_name()
    {
        using var bytes = new MemoryStream();
        using (var w = new BinaryWriter(bytes, LiveStateFormat.Encoding, leaveOpen: true)) w.Write(99);
        bytes.Position = 0;
        var e = Assert.Throws<InvalidDataException>(() => LiveStateFormat.Read(new BinaryReader(bytes)));
        Assert.Contains("version 99", e.Message);
    }
}
