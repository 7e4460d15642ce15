using Orchestrated.Domain.Tests.Sessions;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Tests.Engagement;

/// <summary>Random study histories for the engagement tests: a few students, sessions of a few events on random days.</summary>
internal static class StudyHistory
{
    public static readonly DateOnly Start = new(2026, 3, 2);

    public static List<TestEvent> Random(int seed, int students = 6, int days = 40)
    {
        var random = new Random(seed);
        var events = new List<TestEvent>();
        for (var s = 0; s < students; s++)
        for (var d = 0; d < days; d++)
        {
            if (random.NextDouble() < 0.45) continue;
            // Some sessions start late in the evening, so that some are still open at midnight.
            var ts = UtcMicros.StartOf(Start.AddDays(d)) + (long)(random.NextDouble() * 24 * 3600) * UtcMicros.PerSecond;
            var device = random.NextDouble() < 0.3 ? "mobile" : "desktop";
            for (var e = random.Next(1, 12); e > 0; e--)
            {
                events.Add(new TestEvent($"S{s}", device, ts, $"/page/{random.Next(6)}", random.Next(5, 90)));
                ts += random.Next(10, 25 * 60) * UtcMicros.PerSecond;
            }
        }
        return events;
    }
}
