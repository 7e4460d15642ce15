using Orchestrated.Domain.Sessions;

namespace Orchestrated.Domain.Engagement;

/// <summary>
/// One student's sessions in the feature window, and the features they give, in <see cref="StudentFeatures.Names"/> order.
/// </summary>
internal sealed class StudentHistory
{
    private readonly DateOnly _asOf;
    private readonly List<SessionRow> _sessions;

    private StudentHistory(DateOnly asOf, List<SessionRow> sessions) => (_asOf, _sessions) = (asOf, sessions);

    public static StudentHistory Of(DateOnly asOf, List<SessionRow> sessions)
    {
        sessions.Sort(SessionRow.OutputOrder);
        return new StudentHistory(asOf, sessions);
    }

    public float[] Features()
    {
        var last7 = Within(0, 6);
        var before7 = Within(7, 13);
        var last14 = Within(0, 13);
        var activeDays = _sessions.Select(DaysAgo).Distinct().Order().ToList();
        var daysSinceLast = activeDays[0];
        var usualGap = UsualGap(activeDays);
        return
        [
            last7.Count, last14.Count, _sessions.Count,
            Minutes(last7), Minutes(last14), Minutes(_sessions),
            MeanMinutes(last7), MeanMinutes(_sessions),
            Trend(last7.Count, before7.Count), Trend(Minutes(last7), Minutes(before7)),
            daysSinceLast, daysSinceLast / (usualGap + 1f), LongestSilence(activeDays),
            last7.Select(DaysAgo).Distinct().Count(), activeDays.Count,
            StartHours.Spread(_sessions), StartHours.Later(last7, _sessions),
            Share(s => s.Device == "mobile"), Share(s => s.Device == "tablet"),
            Share(s => s.Capped), Share(s => s.EventCount == 1), (float)_sessions.Average(s => s.PagesVisited),
        ];
    }

    private int DaysAgo(SessionRow s) => _asOf.DayNumber - s.Date.DayNumber;

    private List<SessionRow> Within(int fromDaysAgo, int toDaysAgo) =>
        _sessions.Where(s => DaysAgo(s) >= fromDaysAgo && DaysAgo(s) <= toDaysAgo).ToList();

    private static float Minutes(List<SessionRow> sessions) => sessions.Sum(s => s.SessionDurationSec) / 60f;

    private static float MeanMinutes(List<SessionRow> sessions) => sessions.Count == 0 ? 0 : Minutes(sessions) / sessions.Count;

    /// <summary>-1 (all of it in the week before) … +1 (all of it in the last week).</summary>
    private static float Trend(float last, float before) => (last - before) / (last + before + 1);

    private float Share(Func<SessionRow, bool> which) => _sessions.Count(which) / (float)_sessions.Count;

    /// <summary>The mean days between active days (days ago, ascending), or the window when there is one active day.</summary>
    private static float UsualGap(List<int> activeDays) =>
        activeDays.Count < 2 ? FeatureWindow.Days : (activeDays[^1] - activeDays[0]) / (float)(activeDays.Count - 1);

    /// <summary>The most days in a row without a session, up to the end of the date.</summary>
    private static float LongestSilence(List<int> activeDays)
    {
        var longest = activeDays[0];
        for (var i = 1; i < activeDays.Count; i++) longest = Math.Max(longest, activeDays[i] - activeDays[i - 1] - 1);
        return longest;
    }
}
