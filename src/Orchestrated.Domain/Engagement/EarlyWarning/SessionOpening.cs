using Orchestrated.Domain.Engagement.Anomalies;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Engagement.EarlyWarning;

/// <summary>
/// What is known of a session <see cref="Minutes"/> minutes after it began: its events so far (how many, how many pages,
/// of which kinds), its device and hour, and the student's engagement as of the day before (their features of D-1, or
/// none for a student new in the last 28 days). A session already over by then is not warned about: it is not a
/// session one could still help.
/// </summary>
public static class SessionOpening
{
    public const int Minutes = 5;

    public static IReadOnlyList<string> Names { get; } =
    [
        "opening_events", "opening_pages", "opening_span_sec", "video_share", "quiz_share", "click_share", "scroll_share",
        "mobile", "tablet", "start_sin", "start_cos", "weekend",
        "new_student", "usual_minutes_28d", "sessions_7d", "days_since_last", "minutes_trend", "hours_later_than_usual",
    ];

    /// <summary>Whether the session still runs <see cref="Minutes"/> after its start: one to warn about.</summary>
    public static bool StillRunning(SessionTimeline t) => t.Session.SessionEnd - t.Session.SessionStart >= Minutes * UtcMicros.PerMinute;

    /// <param name="history">The student's features as of the day before the session began, or null.</param>
    public static float[] Features(SessionTimeline t, StudentFeatures? history)
    {
        var until = t.Session.SessionStart + Minutes * UtcMicros.PerMinute;
        var n = 0;
        while (n < t.Times.Count && t.Times[n] <= until) n++;
        var types = t.Types.Take(n).ToList();
        float Share(string type) => n == 0 ? 0 : types.Count(x => x == type) / (float)n;
        var angle = StartHours.AngleOf(t.Session);
        var weekend = t.Session.Date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
        return
        [
            n, t.Pages.Take(n).Where(p => p is not null).Distinct().Count(),
            n == 0 ? 0 : (t.Times[n - 1] - t.Times[0]) / (float)UtcMicros.PerSecond,
            Share("video_play"), Share("quiz_submit"), Share("click"), Share("scroll"),
            t.Session.Device == "mobile" ? 1 : 0, t.Session.Device == "tablet" ? 1 : 0, (float)Math.Sin(angle), (float)Math.Cos(angle),
            weekend ? 1 : 0,
            history is null ? 1 : 0, history?["mean_minutes_28d"] ?? 0, history?["sessions_7d"] ?? 0, history?["days_since_last"] ?? 0,
            history?["minutes_trend"] ?? 0, history?["hours_later_than_usual"] ?? 0,
        ];
    }
}
