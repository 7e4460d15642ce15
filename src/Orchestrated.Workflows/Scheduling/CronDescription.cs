using System.Globalization;

namespace Orchestrated.Workflows.Scheduling;

/// <summary>A cron expression in words, for the common shapes; anything else is shown as the expression itself.</summary>
public static class CronDescription
{
    private static readonly string[] Weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    public static string Describe(string cron, string timeZone, int lagDays)
    {
        var f = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var what = f.Length != 5 ? $"on cron \"{cron}\"" : Shape(f) ?? $"on cron \"{cron}\"";
        var lag = lagDays switch { 0 => "for the same day", 1 => "for the previous day", _ => $"for the day {lagDays} days before" };
        return $"{what} ({timeZone}), {lag}";
    }

    private static string? Shape(string[] f)
    {
        var (minute, hour, day, month, weekday) = (f[0], f[1], f[2], f[3], f[4]);
        bool IsNumber(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out _);
        string At() => $"{int.Parse(hour, CultureInfo.InvariantCulture):00}:{int.Parse(minute, CultureInfo.InvariantCulture):00}";
        if (minute == "*" && hour == "*" && day == "*" && month == "*" && weekday == "*") return "every minute";
        if (minute.StartsWith("*/", StringComparison.Ordinal) && hour == "*" && day == "*" && month == "*" && weekday == "*")
            return $"every {minute[2..]} minutes";
        if (IsNumber(minute) && hour == "*" && day == "*" && month == "*" && weekday == "*") return $"every hour at minute {minute}";
        if (!IsNumber(minute) || !IsNumber(hour) || month != "*") return null;
        if (day == "*" && weekday == "*") return $"daily at {At()}";
        if (day == "*" && weekday == "1-5") return $"on weekdays at {At()}";
        if (day == "*" && int.TryParse(weekday, out var w) && w is >= 0 and <= 7) return $"every {Weekdays[w % 7]} at {At()}";
        if (IsNumber(day) && weekday == "*") return $"monthly on day {day} at {At()}";
        return null;
    }
}
