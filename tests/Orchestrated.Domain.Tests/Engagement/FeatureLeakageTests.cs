using Orchestrated.Domain.Engagement;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Tests.Sessions;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Tests.Engagement;

/// <summary>
/// Features as of D know nothing of what came after D: any change to events after the end of D — added, removed,
/// moved — leaves every feature of D as it was. And the test can fail: a change before the end of D does show.
/// </summary>
public sealed class FeatureLeakageTests
{
    [Fact]
    public void Changing_any_event_after_the_date_changes_no_feature_of_the_date()
    {
        for (var seed = 0; seed < 60; seed++)
        {
            var random = new Random(seed);
            var events = StudyHistory.Random(seed);
            var asOf = StudyHistory.Start.AddDays(random.Next(5, 35));
            var midnight = UtcMicros.StartOf(asOf.AddDays(1));
            var changed = ChangeAfter(events, midnight, random);

            Assert.Equal(Features(asOf, events), Features(asOf, changed));
        }
    }

    [Fact]
    public void Changing_events_up_to_the_date_does_change_its_features()
    {
        var differing = 0;
        for (var seed = 0; seed < 20; seed++)
        {
            var random = new Random(seed);
            var events = StudyHistory.Random(seed);
            var asOf = StudyHistory.Start.AddDays(random.Next(5, 35));
            var earlier = events.Where(e => e.Ts < UtcMicros.StartOf(asOf)).ToList();
            var dropped = events.Except(earlier.Take(earlier.Count / 2)).ToList();
            if (!Features(asOf, events).SequenceEqual(Features(asOf, dropped))) differing++;
        }
        Assert.Equal(20, differing);
    }

    /// <summary>The features of every student as of the date, as text (a float array compares by reference).</summary>
    private static List<string> Features(DateOnly asOf, List<TestEvent> events) =>
        StudentFeatureBuilder.Build(asOf, Sessionize.WholeHistory(events), SessionRules.Default)
            .Select(f => $"{f.StudentHash} {f.Date}: {string.Join(' ', f.Values)}").ToList();

    /// <summary>Events after <paramref name="midnight"/> removed, moved within the days after, and new ones added right after it.</summary>
    private static List<TestEvent> ChangeAfter(List<TestEvent> events, long midnight, Random random)
    {
        var changed = new List<TestEvent>();
        foreach (var e in events)
        {
            if (e.Ts < midnight) changed.Add(e);
            else if (random.NextDouble() < 0.3) continue;
            else if (random.NextDouble() < 0.3) changed.Add(e with { Ts = midnight + random.NextInt64(0, 3 * UtcMicros.PerDay) });
            else changed.Add(e);
        }
        // New events just past midnight: the ones most likely to join a session of the evening before.
        for (var k = 0; k < 10; k++)
            changed.Add(new TestEvent($"S{random.Next(6)}", random.NextDouble() < 0.5 ? "desktop" : "mobile",
                midnight + random.NextInt64(0, 40 * UtcMicros.PerMinute), "/page/9", 30));
        return changed;
    }
}
