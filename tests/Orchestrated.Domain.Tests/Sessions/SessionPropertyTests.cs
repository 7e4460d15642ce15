using CsCheck;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Tests.Sessions;

/// <summary>Properties of sessionizing random event histories, each checked on a few hundred generated histories.</summary>
public class SessionPropertyTests
{
    private const long Minute = UtcMicros.PerMinute;
    private static readonly long Origin = UtcMicros.StartOf(new DateOnly(2026, 3, 1));

    /// <summary>
    /// A random history over about four days: a few students on one or two devices, gaps that are mostly short,
    /// sometimes exactly the inactivity gap or a microsecond over it, sometimes hours; some streams never pause,
    /// so the 24 h cap and the look-back past the previous day are exercised too.
    /// </summary>
    private static readonly Gen<List<TestEvent>> Histories = Gen.Int[1, int.MaxValue].Select(seed =>
    {
        var random = new Random(seed);
        var events = new List<TestEvent>();
        var streams = random.Next(1, 6);
        for (var s = 0; s < streams; s++)
        {
            var student = $"s{random.Next(3)}";
            var device = random.Next(3) == 0 ? "mobile" : "desktop";
            var tireless = random.Next(5) == 0;
            var ts = Origin + (long)(random.NextDouble() * 3 * UtcMicros.PerDay);
            var count = random.Next(1, tireless ? 500 : 80);
            for (var i = 0; i < count && ts < Origin + 4 * UtcMicros.PerDay; i++)
            {
                events.Add(new TestEvent(student, device, ts, Page: $"/p{random.Next(5)}",
                    Spent: random.Next(4) == 0 ? -1 : random.Next(60)));
                ts += tireless ? random.Next(1, 20) * Minute : random.Next(10) switch
                {
                    0 => 30 * Minute,
                    1 => 30 * Minute + 1,
                    2 => random.Next(31, 600) * Minute,
                    3 => 0,
                    _ => random.Next(1, 25 * 60) * UtcMicros.PerSecond,
                };
            }
        }
        return events;
    });

    private static readonly Gen<SessionRules> Rules = Gen.Int[0, 4].Select(i => i switch
    {
        0 => SessionRules.Default,
        1 => SessionRules.Default with { SplitOnDevice = false },
        2 => SessionRules.Default with { InactivityGap = TimeSpan.FromMinutes(10), MaxSessionDuration = TimeSpan.FromHours(3) },
        3 => SessionRules.Default with { MaxSessionDuration = TimeSpan.FromHours(2) }, // tireless streams cut several times a day
        _ => SessionRules.Default with { MaxSessionDuration = TimeSpan.FromHours(30) },
    });

    [Fact]
    public void Sessions_partition_the_events() =>
        Gen.Select(Histories, Rules).Sample((events, rules) =>
        {
            var sessions = Sessionize.WholeHistory(events, rules);
            Assert.Equal(events.Count, sessions.Sum(s => s.EventCount));
            // Every event lies inside exactly one session of its stream.
            foreach (var e in events)
                Assert.Single(sessions, s => s.StudentHash == e.Student && (!rules.SplitOnDevice || s.Device == e.Device)
                                             && s.SessionStart <= e.Ts && e.Ts <= s.SessionEnd);
        }, iter: 150);

    [Fact]
    public void Gaps_inside_a_session_are_at_most_the_inactivity_gap_and_sessions_never_exceed_the_cap() =>
        Gen.Select(Histories, Rules).Sample((events, rules) =>
        {
            foreach (var s in Sessionize.WholeHistory(events, rules))
            {
                var inside = events.Where(e => e.Student == s.StudentHash && (!rules.SplitOnDevice || e.Device == s.Device)
                                               && e.Ts >= s.SessionStart && e.Ts <= s.SessionEnd).Select(e => e.Ts).Order().ToList();
                Assert.Equal(s.EventCount, inside.Count);
                for (var i = 1; i < inside.Count; i++) Assert.True(inside[i] - inside[i - 1] <= rules.GapMicros);
                Assert.True(s.SessionEnd - s.SessionStart <= rules.CapMicros);
            }
        }, iter: 150);

    [Fact]
    public void Consecutive_sessions_of_a_stream_are_more_than_the_gap_apart_unless_the_cap_split_them() =>
        Gen.Select(Histories, Rules).Sample((events, rules) =>
        {
            var byStream = Sessionize.WholeHistory(events, rules).GroupBy(s => (s.StudentHash, rules.SplitOnDevice ? s.Device : ""));
            foreach (var stream in byStream)
            {
                var ordered = stream.OrderBy(s => s.SessionStart).ToList();
                for (var i = 1; i < ordered.Count; i++)
                {
                    var apart = ordered[i].SessionStart - ordered[i - 1].SessionEnd;
                    Assert.True(apart > rules.GapMicros || (ordered[i - 1].Capped && ordered[i].Capped && apart > 0));
                }
            }
        }, iter: 150);

    [Fact]
    public void Running_day_by_day_equals_running_the_whole_history_at_once() =>
        Gen.Select(Histories, Rules).Sample((events, rules) =>
        {
            var expected = Sessionize.WholeHistory(events, rules);
            var days = new InMemoryDays(events, batchSize: 5);
            var actual = new List<SessionRow>();
            foreach (var day in days.Days)
                actual.AddRange(new DaySessionizer(rules, days, maxLookbackDays: 31).RunAsync(day).GetAwaiter().GetResult().Sessions);
            actual.Sort(SessionRow.OutputOrder);
            Assert.Equal(expected, actual);
        }, iter: 150);

    [Fact]
    public void Each_days_hard_checks_pass() =>
        Gen.Select(Histories, Rules).Sample((events, rules) =>
        {
            var days = new InMemoryDays(events);
            foreach (var day in days.Days)
            {
                var result = new DaySessionizer(rules, days).RunAsync(day).GetAwaiter().GetResult();
                Assert.All(result.Quality.Where(q => q.Hard), q => Assert.True(q.Passed, q.Detail));
            }
        }, iter: 100);
}
