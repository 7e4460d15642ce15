using System.Text;
using Orchestrated.Domain.Events;
using Orchestrated.Domain.Live;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Tests.Live;

/// <summary>The stream sessionizer's event-time rules: watermark, future-dated events, idle partitions, late events.</summary>
public sealed class LiveSessionizerTests
{
    private static readonly long T0 = UtcMicros.StartOf(new DateOnly(2026, 3, 2)) + 10 * 3600 * UtcMicros.PerSecond;
    private static long Minutes(double m) => (long)(m * 60 * UtcMicros.PerSecond);

    private readonly List<SessionRow> _closed = [];
    private readonly List<string> _late = [];
    private readonly LiveSessionizer _live;

    public LiveSessionizerTests() =>
        _live = new LiveSessionizer(SessionRules.Default, "test-key"u8.ToArray(), new LiveOptions(), _closed.Add,
            e => _late.Add(Encoding.UTF8.GetString(e.EventId!.Value.Span)));

    private void Add(string id, string student, long ts, long wall)
    {
        var line = Encoding.UTF8.GetBytes($"{{\"event_id\":\"{id}\",\"student_id\":\"{student}\",\"timestamp\":" +
            $"\"{UtcMicros.Format(ts)}\",\"event_type\":\"page_view\",\"page_url\":\"/course/C1/chapter/1/page/{id}\"}}");
        var e = new RawEvent();
        Assert.True(new RawEventParser(long.MaxValue).Parse(line, e).IsAccepted);
        _live.Add(e, wall);
    }

    [Fact]
    public void A_session_closes_once_the_watermark_passes_its_last_event_by_the_gap()
    {
        Add("a1", "S1", T0, T0);
        Add("a2", "S1", T0 + Minutes(10), T0 + Minutes(10));
        Add("b1", "S2", T0 + Minutes(41), T0 + Minutes(41));
        _live.Advance(T0 + Minutes(41));
        Assert.Empty(_closed); // watermark 39 min: 29 min after S1's last event, within the gap
        Add("b2", "S2", T0 + Minutes(43), T0 + Minutes(43));
        _live.Advance(T0 + Minutes(43));
        var session = Assert.Single(_closed);
        Assert.Equal((T0, T0 + Minutes(10), 2), (session.SessionStart, session.SessionEnd, session.EventCount));
    }

    [Fact]
    public void A_future_dated_event_does_not_move_the_watermark()
    {
        Add("a1", "S1", T0, T0);
        Add("x", "S9", T0 + Minutes(24 * 60), T0 + Minutes(1)); // a day ahead of the wall clock
        _live.Advance(T0 + Minutes(1));
        Assert.True(_live.Watermark < T0, $"watermark moved to {UtcMicros.Format(_live.Watermark)}");
        Assert.Empty(_closed);
        Add("a2", "S1", T0 + Minutes(2), T0 + Minutes(2));
        Assert.Empty(_late);
    }

    [Fact]
    public void An_idle_partition_closes_its_sessions_after_the_idle_timeout()
    {
        Add("a1", "S1", T0, T0);
        _live.Advance(T0 + Minutes(31));
        // No event came after T0, so only the idle rule moves the watermark: to the wall clock less the lateness, 29 minutes
        // after S1's event — still within the gap.
        Assert.Empty(_closed);
        _live.Advance(T0 + Minutes(33));
        Assert.Single(_closed);
    }

    [Fact]
    public void A_partition_that_has_seen_no_event_has_no_watermark_and_takes_its_first_events_whenever_they_are()
    {
        _live.Advance(T0 + Minutes(24 * 60)); // ticks for a day, no event
        Assert.Equal(long.MinValue, _live.Watermark);
        Add("a1", "S1", T0, T0 + Minutes(24 * 60)); // a day old, and yet on time: nothing has passed it
        Assert.Empty(_late);
        _live.Advance(T0 + Minutes(24 * 60 + 1)); // idle from its first event on: the watermark follows the clock
        Assert.Single(_closed);
        Add("a2", "S1", T0 + Minutes(1), T0 + Minutes(24 * 60 + 1));
        Assert.Equal(["a2"], _late);
    }

    [Fact]
    public void An_event_behind_the_watermark_is_late_counted_and_never_fed()
    {
        Add("a1", "S1", T0, T0);
        Add("a2", "S1", T0 + Minutes(10), T0 + Minutes(10));
        _live.Advance(T0 + Minutes(10)); // watermark 8 min
        Add("late", "S1", T0 + Minutes(5), T0 + Minutes(11));
        Assert.Equal(["late"], _late);
        Assert.Equal(1, _live.LateEvents);
        _live.Flush();
        Assert.Equal(2, Assert.Single(_closed).EventCount);
    }

    [Fact]
    public void A_late_event_sent_twice_is_late_once_and_a_late_copy_of_a_taken_event_is_a_duplicate()
    {
        Add("a1", "S1", T0, T0);
        Add("a2", "S1", T0 + Minutes(10), T0 + Minutes(10));
        _live.Advance(T0 + Minutes(10)); // watermark 8 min
        Add("late", "S1", T0 + Minutes(5), T0 + Minutes(11));
        Add("late", "S1", T0 + Minutes(5), T0 + Minutes(12)); // the post sent again after a 503
        Add("a1", "S1", T0, T0 + Minutes(12)); // and a copy of one taken on time
        Assert.Equal(["late"], _late);
        Assert.Equal((1, 2), (_live.LateEvents, _live.Duplicates));
    }

    [Fact]
    public void Events_in_disorder_within_the_lateness_are_put_in_order()
    {
        Add("a2", "S1", T0 + Minutes(1), T0 + Minutes(1));
        Add("a1", "S1", T0, T0 + Minutes(1.5));
        Add("a3", "S1", T0 + Minutes(2), T0 + Minutes(2));
        _live.Advance(T0 + Minutes(2));
        _live.Flush();
        var session = Assert.Single(_closed);
        Assert.Equal((T0, 3), (session.SessionStart, session.EventCount));
        Assert.Empty(_late);
    }
}
