using Orchestrated.Domain.Engagement.Anomalies;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Tests.Engagement;

public sealed class SessionAnomalyRulesTests
{
    private static readonly long Start = UtcMicros.StartOf(new DateOnly(2026, 3, 2)) + 3 * 3600 * UtcMicros.PerSecond;

    private static SessionRow Row(IReadOnlyList<long> times, double active = 0, bool capped = false) =>
        new("id", "s", "desktop", times[0], times[^1], (times[^1] - times[0]) / UtcMicros.PerSecond, times.Count, 3, null, active, capped);

    private static SessionProfile Profile(IReadOnlyList<long> times, double active = 0, bool capped = false) =>
        SessionProfile.Of(Row(times, active, capped), times);

    [Fact]
    public void A_script_clicking_every_ten_seconds_is_machine_regular_even_with_events_missing()
    {
        var times = Enumerable.Range(0, 240).Where(i => i % 37 != 5).Select(i => Start + i * 10 * UtcMicros.PerSecond).ToList();
        var flags = SessionAnomalyRules.Apply(Profile(times));
        Assert.Contains(flags, f => f.Flag == SessionAnomalyRules.MachineRegular);
        Assert.Contains("at the same interval", flags.Single(f => f.Flag == SessionAnomalyRules.MachineRegular).Why);
    }

    [Fact]
    public void A_person_reading_at_their_own_pace_is_not()
    {
        var random = new Random(3);
        var times = new List<long> { Start };
        for (var i = 0; i < 200; i++) times.Add(times[^1] + (long)(-45 * Math.Log(1 - random.NextDouble()) * UtcMicros.PerSecond) + 1);
        var profile = Profile(times);
        Assert.InRange(profile.RegularShare, 0, 0.2);
        Assert.DoesNotContain(SessionAnomalyRules.Apply(profile), f => f.Flag == SessionAnomalyRules.MachineRegular);
    }

    [Fact]
    public void Too_few_events_never_tell_a_script()
    {
        var times = Enumerable.Range(0, SessionAnomalyRules.MinEventsForRegularity - 1)
            .Select(i => Start + i * 10 * UtcMicros.PerSecond).ToList();
        Assert.Empty(SessionAnomalyRules.Apply(Profile(times)));
    }

    [Fact]
    public void Far_more_time_spent_than_the_session_lasted_and_a_capped_session_are_flagged()
    {
        var times = new List<long> { Start, Start + 600 * UtcMicros.PerSecond };
        Assert.Empty(SessionAnomalyRules.Apply(Profile(times, active: 1000))); // within what the last event's time may add
        Assert.Contains(SessionAnomalyRules.Apply(Profile(times, active: 1300)), f => f.Flag == SessionAnomalyRules.TimeExceedsSpan);
        Assert.Contains(SessionAnomalyRules.Apply(Profile(times, capped: true)), f => f.Flag == SessionAnomalyRules.HitTheCap);
    }

    [Fact]
    public void Every_detector_feature_is_said_in_words() =>
        Assert.All(SessionProfile.FeatureNames, f => Assert.False(string.IsNullOrWhiteSpace(SessionProfile.Say(f))));
}
