using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Engagement;

/// <summary>
/// The hours of the day sessions start at, taken on a circle (23:00 and 01:00 are two hours apart, not 22): how
/// scattered they are, and how much later the last week's are than the usual.
/// </summary>
internal static class StartHours
{
    /// <summary>A session's start as an angle on the 24-hour circle (0 at midnight).</summary>
    public static double AngleOf(SessionRow s) => (s.SessionStart - UtcMicros.StartOf(s.Date)) / (double)UtcMicros.PerDay * 2 * Math.PI;

    /// <summary>0 when every session starts at the same hour, towards 1 when they start at any hour.</summary>
    public static float Spread(IReadOnlyList<SessionRow> sessions)
    {
        var (x, y) = Resultant(sessions);
        return (float)(1 - Math.Sqrt(x * x + y * y));
    }

    /// <summary>Hours the recent sessions' mean start is after the window's (-12 … 12), 0 without recent sessions.</summary>
    public static float Later(IReadOnlyList<SessionRow> recent, IReadOnlyList<SessionRow> all)
    {
        if (recent.Count == 0) return 0;
        var difference = MeanHour(recent) - MeanHour(all);
        return (float)(difference - 24 * Math.Round(difference / 24));
    }

    private static double MeanHour(IReadOnlyList<SessionRow> sessions)
    {
        var (x, y) = Resultant(sessions);
        return Math.Atan2(y, x) * 12 / Math.PI;
    }

    private static (double X, double Y) Resultant(IReadOnlyList<SessionRow> sessions)
    {
        double x = 0, y = 0;
        foreach (var s in sessions)
        {
            var angle = AngleOf(s);
            (x, y) = (x + Math.Cos(angle), y + Math.Sin(angle));
        }
        return (x / sessions.Count, y / sessions.Count);
    }
}
