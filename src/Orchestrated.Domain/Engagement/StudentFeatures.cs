namespace Orchestrated.Domain.Engagement;

/// <summary>
/// One student's engagement as of the end of a date: what a model may know that evening. The values in
/// <see cref="Values"/> follow <see cref="Names"/>, the feature list stored with every model.
/// </summary>
public sealed record StudentFeatures(string StudentHash, DateOnly Date, float[] Values)
{
    /// <summary>The feature names, in the order of <see cref="Values"/>.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "sessions_7d", "sessions_14d", "sessions_28d",
        "minutes_7d", "minutes_14d", "minutes_28d",
        "mean_minutes_7d", "mean_minutes_28d",
        "session_trend", "minutes_trend",
        "days_since_last", "silence_vs_usual_gap", "longest_silence_28d",
        "active_days_7d", "active_days_28d",
        "hour_spread", "hours_later_than_usual",
        "mobile_share", "tablet_share",
        "capped_share", "one_event_share", "mean_pages_28d",
    ];

    public float this[string name] => Values[IndexOf(name)];

    public static int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
            if (Names[i] == name) return i;
        throw new ArgumentException($"No feature '{name}': expected one of {string.Join(", ", Names)}.");
    }
}
