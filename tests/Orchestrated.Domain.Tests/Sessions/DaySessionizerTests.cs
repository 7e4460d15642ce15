using Orchestrated.Domain.Sessions;
using static Orchestrated.Domain.Tests.Sessions.TestEvent;

namespace Orchestrated.Domain.Tests.Sessions;

public class DaySessionizerTests
{
    private static readonly DateOnly D0 = new(2026, 3, 2);
    private static readonly DateOnly D1 = new(2026, 3, 3);

    private static Task<DaySessions> Run(DateOnly day, InMemoryDays days, SessionRules? rules = null, int lookback = 31) =>
        new DaySessionizer(rules ?? SessionRules.Default, days, lookback).RunAsync(day);

    [Fact]
    public async Task A_session_across_midnight_is_whole_owned_by_its_start_date_and_written_once()
    {
        var days = new InMemoryDays([
            E("s", "d", "2026-03-02T23:50:00Z"), E("s", "d", "2026-03-02T23:58:00Z"),
            E("s", "d", "2026-03-03T00:05:00Z"), E("s", "d", "2026-03-03T00:20:00Z")]);
        var first = await Run(D0, days);
        var second = await Run(D1, days);
        var session = Assert.Single(first.Sessions);
        Assert.Equal(4, session.EventCount);
        Assert.Equal(At("2026-03-03T00:20:00Z"), session.SessionEnd);
        Assert.Empty(second.Sessions);
    }

    [Fact]
    public async Task An_event_after_midnight_that_continues_yesterdays_session_starts_nothing_today()
    {
        var days = new InMemoryDays([E("s", "d", "2026-03-02T23:45:00Z"), E("s", "d", "2026-03-03T00:10:00Z"),
            E("s", "d", "2026-03-03T09:00:00Z")]);
        var today = await Run(D1, days);
        var session = Assert.Single(today.Sessions); // only the 09:00 one
        Assert.Equal(At("2026-03-03T09:00:00Z"), session.SessionStart);
        Assert.Equal(1, today.Stats.EventsContinuingEarlierSessions);
    }

    [Theory]
    [InlineData("2026-03-02T23:30:00Z", 0)]        // exactly the gap before the first event after midnight: continues
    [InlineData("2026-03-02T23:29:59.999999Z", 1)] // a microsecond more: today's event starts a session
    public async Task The_gap_is_measured_across_midnight_exactly(string lastBeforeMidnight, int sessionsToday)
    {
        var days =
            new InMemoryDays([E("s", "d", "2026-03-02T22:00:00Z"), E("s", "d", lastBeforeMidnight), E("s", "d", "2026-03-03T00:00:00Z")]);
        Assert.Equal(sessionsToday, (await Run(D1, days)).Sessions.Count);
    }

    [Fact]
    public async Task Without_the_previous_day_the_history_starts_at_midnight()
    {
        var days = new InMemoryDays([E("s", "d", "2026-03-03T00:10:00Z")]);
        var today = await Run(D1, days);
        Assert.Single(today.Sessions);
        Assert.True(today.Stats.PreviousDayMissing);
    }

    [Fact]
    public async Task Sessions_still_open_where_the_data_ends_are_counted()
    {
        var days = new InMemoryDays([E("s", "d", "2026-03-02T23:55:00Z"), E("t", "d", "2026-03-02T12:00:00Z")]);
        var today = await Run(D0, days);
        Assert.Equal(2, today.Sessions.Count);
        Assert.Equal(1, today.Stats.SessionsOpenAtDataEdge);
    }

    [Fact]
    public async Task Reading_ahead_stops_once_every_session_of_the_date_has_closed()
    {
        var events = new List<TestEvent> { E("s", "d", "2026-03-02T23:50:00Z"), E("s", "d", "2026-03-03T00:05:00Z") };
        events.AddRange(Enumerable.Range(0, 200)
            .Select(i => new TestEvent($"other{i}", "d", At("2026-03-03T01:00:00Z") + i * 60_000_000L)));
        var days = new InMemoryDays(events, batchSize: 10);
        var today = await Run(D0, days);
        Assert.Equal(2, Assert.Single(today.Sessions).EventCount);
        var readAhead = days.Reads.Where(r => r.Day == D1).Sum(r => r.Events);
        Assert.True(readAhead <= 20, $"read {readAhead} events of the next day");
    }

    [Fact]
    public async Task The_day_before_is_read_with_keys_only()
    {
        var days = new InMemoryDays([E("s", "d", "2026-03-02T10:00:00Z"), E("s", "d", "2026-03-03T10:00:00Z")]);
        await Run(D1, days);
        Assert.All(days.Reads.Where(r => r.Day == D0), r => Assert.Equal(EventDetail.KeysOnly, r.Detail));
    }

    [Fact]
    public async Task A_stream_active_without_a_break_for_days_finds_its_session_start_further_back()
    {
        // A kiosk sends an event every 10 minutes for 3 days: the cap cuts sessions at 24 h from the first event,
        // which only a look-back past the previous day can know.
        var kiosk = Enumerable.Range(0, 3 * 24 * 6).Select(i => new TestEvent("k", "kiosk", At("2026-03-01T05:00:00Z") + i * 600_000_000L))
            .ToList();
        var days = new InMemoryDays(kiosk);
        var expected = Sessionize.WholeHistory(kiosk);
        var actual = new List<SessionRow>();
        foreach (var day in days.Days) actual.AddRange((await Run(day, days)).Sessions);
        Assert.Equal(expected, actual);
        Assert.All(actual, s => Assert.True(s.Capped));
    }

    [Fact]
    public async Task A_look_back_limit_that_is_too_short_is_reported()
    {
        var kiosk = Enumerable.Range(0, 3 * 24 * 6).Select(i => new TestEvent("k", "kiosk", At("2026-03-01T05:00:00Z") + i * 600_000_000L))
            .ToList();
        var days = new InMemoryDays(kiosk);
        var result = await Run(new DateOnly(2026, 3, 3), days, lookback: 1);
        Assert.True(result.Stats.SessionsWithUncertainStart > 0);
    }

    [Fact]
    public async Task Hard_checks_pass_and_events_balance_on_a_normal_day()
    {
        var days = new InMemoryDays([
            E("a", "d", "2026-03-01T23:50:00Z"), E("a", "d", "2026-03-02T00:10:00Z"), E("a", "d", "2026-03-02T12:00:00Z"),
            E("b", "d", "2026-03-02T23:59:00Z"), E("b", "d", "2026-03-03T00:01:00Z")]);
        var result = await Run(D0, days);
        Assert.All(result.Quality.Where(q => q.Hard), q => Assert.True(q.Passed, q.Detail));
        Assert.Equal(3, result.Stats.EventsOfDay);
        Assert.Equal(1, result.Stats.EventsContinuingEarlierSessions);
        Assert.Equal(1, result.Stats.EventsReadAheadIntoOwnedSessions);
        Assert.Equal(3, result.Sessions.Sum(s => s.EventCount));
    }
}
