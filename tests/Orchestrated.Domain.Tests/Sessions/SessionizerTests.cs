using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Text;
using Orchestrated.Domain.Time;
using static Orchestrated.Domain.Tests.Sessions.TestEvent;

namespace Orchestrated.Domain.Tests.Sessions;

public class SessionizerTests
{
    [Fact]
    public void A_gap_of_exactly_30_minutes_continues_the_session()
    {
        var sessions = Sessionize.WholeHistory([E("s", "d", "2026-03-02T10:00:00Z"), E("s", "d", "2026-03-02T10:30:00Z")]);
        var session = Assert.Single(sessions);
        Assert.Equal(2, session.EventCount);
        Assert.Equal(1800, session.SessionDurationSec);
    }

    [Fact]
    public void A_gap_of_30_minutes_and_one_microsecond_starts_a_new_session()
    {
        var sessions = Sessionize.WholeHistory([E("s", "d", "2026-03-02T10:00:00Z"), E("s", "d", "2026-03-02T10:30:00.000001Z")]);
        Assert.Equal(2, sessions.Count);
        Assert.All(sessions, s => Assert.Equal(1, s.EventCount));
        Assert.All(sessions, s => Assert.False(s.Capped));
    }

    [Fact]
    public void Two_devices_of_one_student_are_independent_streams_that_may_overlap()
    {
        var sessions = Sessionize.WholeHistory([
            E("s", "desktop", "2026-03-02T14:00:00Z"), E("s", "mobile", "2026-03-02T14:05:00Z"), E("s", "desktop", "2026-03-02T14:10:00Z"),
            E("s", "mobile", "2026-03-02T14:15:00Z"), E("s", "desktop", "2026-03-02T14:20:00Z")]);
        Assert.Equal(2, sessions.Count);
        var desktop = sessions.Single(s => s.Device == "desktop");
        var mobile = sessions.Single(s => s.Device == "mobile");
        Assert.Equal(3, desktop.EventCount);
        Assert.Equal(2, mobile.EventCount);
        Assert.True(mobile.SessionStart < desktop.SessionEnd && desktop.SessionStart < mobile.SessionEnd);
        Assert.NotEqual(desktop.SessionId, mobile.SessionId);
    }

    [Fact]
    public void Without_split_on_device_one_stream_is_named_by_its_first_events_device()
    {
        var rules = SessionRules.Default with { SplitOnDevice = false };
        var sessions =
            Sessionize.WholeHistory([E("s", "mobile", "2026-03-02T14:00:00Z"), E("s", "desktop", "2026-03-02T14:05:00Z")], rules);
        var session = Assert.Single(sessions);
        Assert.Equal("mobile", session.Device);
        Assert.Equal(2, session.EventCount);
    }

    [Fact]
    public void Split_on_browser_and_network_add_them_to_the_stream_key()
    {
        TestEvent[] events =
        [
            new("s", "d", At("2026-03-02T10:00:00Z"), Browser: "Chrome", Network: "wifi"),
            new("s", "d", At("2026-03-02T10:01:00Z"), Browser: "Firefox", Network: "wifi"),
            new("s", "d", At("2026-03-02T10:02:00Z"), Browser: "Chrome", Network: "4g"),
        ];
        Assert.Single(Sessionize.WholeHistory(events));
        Assert.Equal(2, Sessionize.WholeHistory(events, SessionRules.Default with { SplitOnBrowser = true }).Count);
        Assert.Equal(2, Sessionize.WholeHistory(events, SessionRules.Default with { SplitOnNetwork = true }).Count);
        Assert.Equal(3, Sessionize.WholeHistory(events, SessionRules.Default with { SplitOnBrowser = true, SplitOnNetwork = true }).Count);
    }

    [Fact]
    public void A_one_event_session_lasts_zero_seconds_and_has_no_average_gap()
    {
        var session = Assert.Single(Sessionize.WholeHistory([E("s", "d", "2026-03-02T09:00:00Z")]));
        Assert.Equal(0, session.SessionDurationSec);
        Assert.Equal(session.SessionStart, session.SessionEnd);
        Assert.Null(session.AvgEventGapSec);
        Assert.Equal(1, session.EventCount);
    }

    [Fact]
    public void Duration_is_the_floor_of_whole_seconds_and_the_average_gap_is_exact()
    {
        var session = Assert.Single(Sessionize.WholeHistory([
            E("s", "d", "2026-03-02T10:00:00Z"), E("s", "d", "2026-03-02T10:00:00.5Z"), E("s", "d", "2026-03-02T10:00:01.999999Z")]));
        Assert.Equal(1, session.SessionDurationSec);
        Assert.Equal(0.9999995, session.AvgEventGapSec!.Value, 9);
    }

    [Fact]
    public void Session_end_is_the_last_events_time_not_plus_the_gap()
    {
        var session = Assert.Single(Sessionize.WholeHistory([E("s", "d", "2026-03-02T10:00:00Z"), E("s", "d", "2026-03-02T10:10:00Z")]));
        Assert.Equal(At("2026-03-02T10:10:00Z"), session.SessionEnd);
    }

    [Fact]
    public void A_session_may_last_exactly_24_hours()
    {
        var events =
            Enumerable.Range(0, 24 * 6 + 1).Select(i => new TestEvent("s", "kiosk", At("2026-03-02T06:00:00Z") + i * 600_000_000L));
        var session = Assert.Single(Sessionize.WholeHistory(events));
        Assert.Equal(86_400, session.SessionDurationSec);
        Assert.False(session.Capped);
    }

    [Fact]
    public void The_24h_cap_ends_a_session_and_flags_it_and_the_next()
    {
        // Every 10 minutes from 06:00 to 12:00 the next day: 24 h exactly, then the cap.
        var events =
            Enumerable.Range(0, 30 * 6 + 1).Select(i => new TestEvent("s", "kiosk", At("2026-03-02T06:00:00Z") + i * 600_000_000L));
        var sessions = Sessionize.WholeHistory(events);
        Assert.Equal(2, sessions.Count);
        Assert.Equal((At("2026-03-02T06:00:00Z"), At("2026-03-03T06:00:00Z")), (sessions[0].SessionStart, sessions[0].SessionEnd));
        Assert.Equal((At("2026-03-03T06:10:00Z"), At("2026-03-03T12:00:00Z")), (sessions[1].SessionStart, sessions[1].SessionEnd));
        Assert.All(sessions, s => Assert.True(s.Capped));
    }

    [Fact]
    public void A_configured_cap_applies_as_well()
    {
        var rules = SessionRules.Default with { MaxSessionDuration = TimeSpan.FromMinutes(15) };
        var sessions = Sessionize.WholeHistory(Enumerable.Range(0, 5).Select(i => E("s", "d", $"2026-03-02T10:{i * 10:00}:00Z")), rules);
        Assert.Equal([2, 2, 1], sessions.Select(s => s.EventCount));
        Assert.All(sessions, s => Assert.True(s.Capped));
    }

    [Fact]
    public void A_gap_split_is_not_a_cap_even_when_the_cap_would_also_apply()
    {
        var rules = SessionRules.Default with { MaxSessionDuration = TimeSpan.FromMinutes(40) };
        var sessions = Sessionize.WholeHistory([E("s", "d", "2026-03-02T10:00:00Z"), E("s", "d", "2026-03-02T11:00:00Z")], rules);
        Assert.Equal(2, sessions.Count);
        Assert.All(sessions, s => Assert.False(s.Capped));
    }

    [Fact]
    public void Active_time_sums_time_spent_that_is_a_number_of_zero_or_more()
    {
        // The parser turns string values into null; negatives reach the sessionizer and are ignored there.
        var session = Assert.Single(Sessionize.WholeHistory([
            E("s", "d", "2026-03-02T18:00:00Z", spent: 10), E("s", "d", "2026-03-02T18:01:00Z", spent: null),
            E("s", "d", "2026-03-02T18:02:00Z", spent: -5), E("s", "d", "2026-03-02T18:03:00Z", spent: 30.5),
            E("s", "d", "2026-03-02T18:04:00Z", spent: 0)]));
        Assert.Equal(40.5, session.ActiveTimeSec);
    }

    [Fact]
    public void Pages_visited_counts_distinct_non_null_pages()
    {
        var session = Assert.Single(Sessionize.WholeHistory([
            E("s", "d", "2026-03-02T10:00:00Z", page: "/a"), E("s", "d", "2026-03-02T10:01:00Z", page: "/b"),
            E("s", "d", "2026-03-02T10:02:00Z", page: "/a"), E("s", "d", "2026-03-02T10:03:00Z")]));
        Assert.Equal(2, session.PagesVisited);
    }

    /// <summary>
    /// Many sessions at once, each visiting from one to forty pages with repeats: the first few distinct pages are kept
    /// with the session, more move to a shared set, and the set drops closed sessions' pages as it grows, while other
    /// sessions are still collecting theirs.
    /// </summary>
    [Fact]
    public void Pages_visited_is_the_distinct_count_however_many_pages_and_sessions()
    {
        var random = new Random(3);
        var start = At("2026-03-02T00:00:00Z");
        var events = new List<TestEvent>();
        var expected = new Dictionary<(string, long), int>();
        for (var s = 0; s < 6000; s++)
        {
            var student = $"s{s}";
            var ts = start + random.NextInt64(UtcMicros.PerDay / 2);
            for (var burst = 0; burst < 2; burst++) // two sessions: the first closes while others are still collecting pages
            {
                var pages = Enumerable.Range(0, random.Next(1, 41)).Select(_ => $"/page/{random.Next(1000)}").ToList();
                var sessionStart = ts;
                foreach (var page in pages.Concat(pages.Where((_, k) => k % 3 == 0))) // repeats, before and after the list fills up
                {
                    events.Add(new TestEvent(student, "d", ts, page));
                    ts += UtcMicros.PerMinute;
                }
                expected[(student, sessionStart)] = pages.Distinct().Count();
                ts += 2 * 60 * UtcMicros.PerMinute;
            }
        }
        var sessions = Sessionize.WholeHistory(events);
        Assert.Equal(expected.Count, sessions.Count);
        Assert.All(sessions, session => Assert.Equal(expected[(session.StudentHash, session.SessionStart)], session.PagesVisited));
    }

    [Fact]
    public void Events_of_a_stream_must_arrive_in_time_order()
    {
        var symbols = new SymbolTable();
        var sessionizer = new Sessionizer(SessionRules.Default, _ => { });
        sessionizer.Add(Sessionize.ToEvent(E("s", "d", "2026-03-02T10:05:00Z"), symbols));
        Assert.Throws<ArgumentException>(() => sessionizer.Add(Sessionize.ToEvent(E("s", "d", "2026-03-02T10:00:00Z"), symbols)));
    }

    [Fact]
    public void Advancing_the_watermark_closes_only_sessions_no_later_event_can_extend()
    {
        var symbols = new SymbolTable();
        var closed = new List<ClosedSession>();
        var sessionizer = new Sessionizer(SessionRules.Default, closed.Add);
        sessionizer.Add(Sessionize.ToEvent(E("a", "d", "2026-03-02T10:00:00Z"), symbols));
        sessionizer.Add(Sessionize.ToEvent(E("b", "d", "2026-03-02T10:20:00Z"), symbols));
        sessionizer.AdvanceWatermark(At("2026-03-02T10:30:00Z"));
        Assert.Empty(closed); // an event at exactly 10:30 would still extend a's session
        sessionizer.AdvanceWatermark(At("2026-03-02T10:30:00.000001Z"));
        Assert.Single(closed);
        Assert.Equal(1, sessionizer.OpenCount);
    }

    [Fact]
    public void Rules_refuse_a_non_positive_gap() =>
        Assert.Throws<ArgumentException>(() => new Sessionizer(SessionRules.Default with { InactivityGap = TimeSpan.Zero }, _ => { }));
}
