using System.Globalization;
using System.Text.Json;

namespace Orchestrated.Workflows.Definitions;

/// <summary>
/// Task params travel as normalised text (durations as <c>30m</c>, booleans as <c>true</c>, integers in digits),
/// so a definition, a trigger's overrides and a worker all read them the same way.
/// </summary>
public static class ParamValues
{
    public static bool Normalise(ParamSpec spec, JsonElement value, out string? text, out string? error) => value.ValueKind switch
    {
        JsonValueKind.String => Normalise(spec, value.GetString()!, out text, out error),
        JsonValueKind.True or JsonValueKind.False when spec.Kind == ParamKind.Boolean =>
            Ok(value.GetBoolean() ? "true" : "false", out text, out error),
        JsonValueKind.Number when spec.Kind == ParamKind.Integer && value.TryGetInt64(out var n) => Range(spec, n, out text, out error),
        _ => Fail(spec, value.GetRawText(), out text, out error),
    };

    public static bool Normalise(ParamSpec spec, string value, out string? text, out string? error)
    {
        switch (spec.Kind)
        {
            case ParamKind.Duration:
                if (Duration.TryParse(value, out var d, out var durationError))
                {
                    if (d > TimeSpan.Zero) return Ok(Duration.Format(d), out text, out error);
                    durationError = "must be longer than zero";
                }
                text = null;
                error = $"param \"{spec.Name}\": {durationError}";
                return false;
            case ParamKind.Boolean when bool.TryParse(value, out var b):
                return Ok(b ? "true" : "false", out text, out error);
            case ParamKind.Integer when long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n):
                return Range(spec, n, out text, out error);
            default:
                return Fail(spec, $"\"{value}\"", out text, out error);
        }
    }

    private static bool Range(ParamSpec spec, long n, out string? text, out string? error)
    {
        if ((spec.Min is { } min && n < min) || (spec.Max is { } max && n > max))
        {
            text = null;
            error = $"param \"{spec.Name}\": {n} is outside {spec.Min}..{spec.Max}";
            return false;
        }
        return Ok(n.ToString(CultureInfo.InvariantCulture), out text, out error);
    }

    private static bool Ok(string value, out string? text, out string? error)
    {
        text = value;
        error = null;
        return true;
    }

    private static bool Fail(ParamSpec spec, string shown, out string? text, out string? error)
    {
        text = null;
        var expected = spec.Kind switch
        {
            ParamKind.Duration => "a duration such as \"30m\"",
            ParamKind.Boolean => "true or false",
            _ => "a whole number",
        };
        error = $"param \"{spec.Name}\": {shown} is not {expected}";
        return false;
    }
}
