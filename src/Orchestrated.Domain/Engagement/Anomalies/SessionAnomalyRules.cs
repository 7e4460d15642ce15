using System.Globalization;

namespace Orchestrated.Domain.Engagement.Anomalies;

/// <summary>
/// The rules that call a session anomalous by itself, each with its reason in words: events at machine-regular
/// intervals, more time spent than the session lasted, a session that ran into the cap.
/// </summary>
public static class SessionAnomalyRules
{
    public const string MachineRegular = "machine_regular", TimeExceedsSpan = "time_exceeds_span", HitTheCap = "hit_the_cap";

    /// <summary>Enough gaps to tell a script from a steady reader.</summary>
    public const int MinEventsForRegularity = 20;

    /// <summary>This share of gaps within 5 % of the median gap: no person clicks so evenly.</summary>
    public const double RegularShare = 0.8;

    public static IReadOnlyList<(string Flag, string Why)> Apply(SessionProfile p)
    {
        var flags = new List<(string, string)>();
        if (p.Events >= MinEventsForRegularity && p.RegularShare >= RegularShare)
            flags.Add((MachineRegular, $"{p.Events} events, {F(p.RegularShare * 100)} % of them at the same interval (a script?)"));
        // Each event's time spent may reach past the last timestamp, so only well beyond the span is impossible.
        var span = p.Session.SessionDurationSec;
        if (p.Session.ActiveTimeSec > 1.5 * span + 300)
            flags.Add((TimeExceedsSpan, $"{F(p.Session.ActiveTimeSec / 60)} minutes spent in a session of {F(span / 60.0)}"));
        if (p.Session.Capped) flags.Add((HitTheCap, "ran into the maximum session length"));
        return flags;
    }

    private static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
