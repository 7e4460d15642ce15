using System.Globalization;
using System.Text;

namespace Orchestrated.Workflows.Definitions;

/// <summary>
/// Durations as people write them in a DAG file: <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1d6h</c>, <c>1h30m</c>, <c>250ms</c>.
/// Units in decreasing order, each at most once; no sign, so a negative retry delay cannot be written; at most
/// <see cref="Max"/>, so no text can overflow a <see cref="TimeSpan"/>.
/// </summary>
public static class Duration
{
    /// <summary>The longest duration that parses: ten years, beyond every field's own bound (<see cref="DefinitionBounds"/>).</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(3650);

    private static readonly (string Unit, TimeSpan Size)[] Units =
    [
        ("d", TimeSpan.FromDays(1)), ("h", TimeSpan.FromHours(1)), ("m", TimeSpan.FromMinutes(1)),
        ("s", TimeSpan.FromSeconds(1)), ("ms", TimeSpan.FromMilliseconds(1)),
    ];

    public static bool TryParse(string? text, out TimeSpan value, out string? error)
    {
        value = TimeSpan.Zero;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a duration is required, such as \"30s\", \"5m\", \"2h\" or \"1d6h\"";
            return false;
        }
        var s = text.Trim();
        var i = 0;
        var lastUnit = -1;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            if (i == start || i - start > 9)
            {
                error = $"\"{text}\" is not a duration: expected a number then a unit (d, h, m, s, ms), such as \"30s\" or \"1d6h\"";
                return false;
            }
            var number = long.Parse(s.AsSpan(start, i - start), CultureInfo.InvariantCulture);
            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetterLower(s[i])) i++;
            var unit = Array.FindIndex(Units, u => s.AsSpan(unitStart, i - unitStart).SequenceEqual(u.Unit));
            if (unit < 0)
            {
                error = $"\"{text}\" is not a duration: unknown unit \"{s[unitStart..i]}\" (expected d, h, m, s or ms)";
                return false;
            }
            if (unit <= lastUnit)
            {
                error = $"\"{text}\" is not a duration: write units once each, largest first, such as \"1d6h\"";
                return false;
            }
            lastUnit = unit;
            if (number > (Max - value).Ticks / Units[unit].Size.Ticks)
            {
                error = $"\"{text}\" is longer than {Format(Max)}";
                return false;
            }
            value += Units[unit].Size * number;
        }
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>The shortest text that parses back to <paramref name="value"/> (whole milliseconds).</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero) return "0s";
        var text = new StringBuilder();
        var rest = value;
        foreach (var (unit, size) in Units)
        {
            var count = rest.Ticks / size.Ticks;
            if (count == 0) continue;
            text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
            rest -= size * count;
        }
        return text.ToString();
    }
}
