using System.Globalization;

namespace Orchestrated.Domain.Engagement;

/// <summary>
/// A feature that raised a student's risk, said the way a teacher would say it, with the student's own value — and
/// only when it is one: a tree may raise a risk for a value that reads as good ("active on 20 of 28 days"), which as a
/// reason would only confuse, so a reason must also lie on the worrying side of the date's median.
/// </summary>
public static class RiskReasons
{
    /// <summary>Whether a worrying value of the feature is a high one (+1), a low one (-1), or neither (0: never a reason).</summary>
    public static int Worrying(string feature) => feature switch
    {
        "days_since_last" or "silence_vs_usual_gap" or "longest_silence_28d" or "hour_spread" or "hours_later_than_usual" or "capped_share"
            or "one_event_share" => 1,
        "mobile_share" or "tablet_share" => 0,
        _ => -1,
    };

    public static bool IsReason(string feature, float value, float median) => Worrying(feature) switch
    {
        1 => value > median,
        -1 => value < median,
        _ => false,
    };

    public static string Say(string feature, StudentFeatures student) => Say(feature, student[feature], student);

    private static string Say(string feature, float value, StudentFeatures student) => feature switch
    {
        "days_since_last" => $"no session for {N(value)} days",
        "silence_vs_usual_gap" => $"no session for {N(student["days_since_last"])} days, longer than usual for them",
        "longest_silence_28d" => $"a silence of {N(value)} days in the last four weeks",
        "sessions_7d" => $"{N(value)} sessions in the last week",
        "sessions_14d" => $"{N(value)} sessions in the last two weeks",
        "sessions_28d" => $"{N(value)} sessions in the last four weeks",
        "minutes_7d" => $"{N(value)} minutes of study in the last week",
        "minutes_14d" => $"{N(value)} minutes of study in the last two weeks",
        "minutes_28d" => $"{N(value)} minutes of study in the last four weeks",
        "mean_minutes_7d" => $"sessions of {N(value)} minutes on average lately",
        "mean_minutes_28d" => $"sessions of {N(value)} minutes on average",
        "session_trend" => value < 0 ? "fewer sessions than the week before" : "more sessions than the week before",
        "minutes_trend" => value < 0 ? "less study time than the week before" : "more study time than the week before",
        "active_days_7d" => $"active on {N(value)} of the last 7 days",
        "active_days_28d" => $"active on {N(value)} of the last 28 days",
        "hour_spread" => "irregular study hours",
        "hours_later_than_usual" => value > 0 ? $"studying {value.ToString("F1", CultureInfo.InvariantCulture)} h later than usual"
            : "studying earlier than usual",
        "mobile_share" => $"{N(value * 100)} % of sessions on a phone",
        "tablet_share" => $"{N(value * 100)} % of sessions on a tablet",
        "capped_share" => "sessions left open for hours",
        "one_event_share" => $"{N(value * 100)} % of visits a single click",
        "mean_pages_28d" => $"{value.ToString("F1", CultureInfo.InvariantCulture)} pages a session",
        _ => throw new ArgumentException($"No wording for the feature '{feature}'."),
    };

    private static string N(float value) => Math.Round(value).ToString(CultureInfo.InvariantCulture);
}
