using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Engagement.Anomalies;

/// <summary>
/// A session with what its events tell beyond its row: how far apart they came, and how regularly — the share of gaps
/// within 5 % of the median gap, near 1 when a script clicks to the second (a dropped or duplicate event here and there
/// leaves it high, where it would ruin a standard deviation), near 0.04 for a person, whose gaps scatter.
/// </summary>
public sealed record SessionProfile(SessionRow Session, int Events, double GapMeanSec, double RegularShare)
{
    /// <param name="eventTimes">The session's event times (UTC microseconds), in order.</param>
    public static SessionProfile Of(SessionRow session, IReadOnlyList<long> eventTimes)
    {
        if (eventTimes.Count < 2) return new SessionProfile(session, eventTimes.Count, 0, 0);
        var gaps = new double[eventTimes.Count - 1];
        for (var i = 1; i < eventTimes.Count; i++) gaps[i - 1] = (eventTimes[i] - eventTimes[i - 1]) / (double)UtcMicros.PerSecond;
        var median = gaps.Order().ElementAt(gaps.Length / 2);
        var regular = gaps.Count(g => Math.Abs(g - median) <= 0.05 * median) / (double)gaps.Length;
        return new SessionProfile(session, eventTimes.Count, gaps.Average(), median > 0 ? regular : 0);
    }

    /// <summary>The features the anomaly detector reads, in <see cref="FeatureNames"/> order.</summary>
    public float[] Features()
    {
        var s = Session;
        var angle = StartHours.AngleOf(s);
        return
        [
            (float)Math.Log(1 + s.SessionDurationSec), (float)Math.Log(1 + Events), s.PagesVisited / (float)Math.Max(1, Events),
            (float)Math.Log(1 + GapMeanSec), (float)RegularShare, (float)(s.ActiveTimeSec / (s.SessionDurationSec + 60.0)),
            s.Capped ? 1 : 0, (float)Math.Sin(angle), (float)Math.Cos(angle),
        ];
    }

    /// <summary>What a feature is about, in words: "unusual in {this}".</summary>
    public static string Say(string feature) => feature switch
    {
        "log_duration" => "its length",
        "log_events" => "its number of events",
        "pages_per_event" => "its pages per event",
        "log_gap_mean" => "the time between its events",
        "regular_share" => "how evenly its events came",
        "active_per_span" => "the time spent against its length",
        "capped" => "hitting the cap",
        "start_sin" or "start_cos" => "the hour it began",
        _ => throw new ArgumentException($"No session feature '{feature}'."),
    };

    public static IReadOnlyList<string> FeatureNames { get; } =
    [
        "log_duration", "log_events", "pages_per_event", "log_gap_mean", "regular_share", "active_per_span", "capped", "start_sin",
        "start_cos",
    ];
}
