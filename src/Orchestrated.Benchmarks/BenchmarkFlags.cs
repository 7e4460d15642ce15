namespace Orchestrated.Benchmarks;

/// <summary>A benchmark's <c>--flag value</c> pairs: an unknown flag or one without its value is an error naming it.</summary>
internal sealed class BenchmarkFlags
{
    private readonly Dictionary<string, string> _values = [];

    /// <exception cref="ArgumentException">An unknown flag, or a flag without its value.</exception>
    public BenchmarkFlags(IReadOnlyList<string> args, IReadOnlyList<string> known)
    {
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!known.Contains(args[i])) throw new ArgumentException($"unknown option '{args[i]}' (known: {string.Join(", ", known)})");
            if (i + 1 >= args.Count) throw new ArgumentException($"{args[i]} needs a value");
            _values[args[i]] = args[i + 1];
        }
    }

    public string? Text(string flag) => _values.GetValueOrDefault(flag);

    public int Count(string flag, int fallback, int min)
    {
        if (!_values.TryGetValue(flag, out var text)) return fallback;
        return int.TryParse(text, out var n) && n >= min
            ? n
            : throw new ArgumentException($"{flag} must be a whole number ≥ {min}, not '{text}'");
    }

    public double Number(string flag, double fallback, double min, double max)
    {
        if (!_values.TryGetValue(flag, out var text)) return fallback;
        return double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var x) && x >= min && x <= max
            ? x
            : throw new ArgumentException($"{flag} must be a number from {min} to {max}, not '{text}'");
    }
}
