namespace Orchestrated.Benchmarks;

/// <summary>
/// <c>orchestrated-bench models [--students N] [--days N] [--seed N] [--noise X] [--horizon N] [--k N]</c>: the
/// engagement models measured on a story sample of that seed (the default, 1001, is one no model was tuned on).
/// </summary>
public sealed record ModelsBenchmarkOptions(int Students, int Days, int Seed, double Noise, int Horizon, int K)
{
    private static readonly string[] Flags = ["--students", "--days", "--seed", "--noise", "--horizon", "--k"];

    /// <exception cref="ArgumentException">An unknown flag, a flag without its value, or a value out of range.</exception>
    public static ModelsBenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var values = new BenchmarkFlags(args, Flags);
        return new ModelsBenchmarkOptions(values.Count("--students", 400, 10), values.Count("--days", 70, 35),
            values.Count("--seed", 1001, 0), values.Number("--noise", 0.3, 0, 1), values.Count("--horizon", 7, 1),
            values.Count("--k", 10, 1));
    }
}
