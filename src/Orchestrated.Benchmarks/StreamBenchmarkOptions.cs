namespace Orchestrated.Benchmarks;

/// <summary>
/// <c>orchestrated-bench stream [--rabbitmq host:port] [--events N] [--warmup N] [--students N] [--post-size N]
/// [--posters N] [--partitions N] [--idle-timeout 00:00:20]</c>; RabbitMQ from <c>ORCHESTRATED_TEST_RABBITMQ</c> when not
/// given. <c>--events</c> are measured, after <c>--warmup</c> events that are not.
/// </summary>
public sealed record StreamBenchmarkOptions(string RabbitMq, int Events, int Warmup, int Students, int PostSize, int Posters,
    int Partitions, TimeSpan IdleTimeout)
{
    private static readonly string[] Flags =
        ["--rabbitmq", "--events", "--warmup", "--students", "--post-size", "--posters", "--partitions", "--idle-timeout"];

    public (string Host, int Port) Broker
    {
        get
        {
            var parts = RabbitMq.Split(':');
            return (parts[0], parts.Length > 1 ? int.Parse(parts[1]) : 5672);
        }
    }

    /// <exception cref="ArgumentException">An unknown flag, a flag without its value, or a value out of range.</exception>
    public static StreamBenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!Flags.Contains(args[i])) throw new ArgumentException($"unknown option '{args[i]}' (known: {string.Join(", ", Flags)})");
            if (i + 1 >= args.Count) throw new ArgumentException($"{args[i]} needs a value");
            values[args[i]] = args[i + 1];
        }
        int Count(string flag, int fallback, int min)
        {
            if (!values.TryGetValue(flag, out var text)) return fallback;
            return int.TryParse(text, out var n) && n >= min
                ? n
                : throw new ArgumentException($"{flag} must be a whole number ≥ {min}, not '{text}'");
        }
        var rabbit = values.GetValueOrDefault("--rabbitmq") ?? Environment.GetEnvironmentVariable("ORCHESTRATED_TEST_RABBITMQ")
            ?? throw new ArgumentException("--rabbitmq host:port is required (or ORCHESTRATED_TEST_RABBITMQ)");
        var idle = values.TryGetValue("--idle-timeout", out var idleText)
            ? TimeSpan.TryParse(idleText, out var t) && t > TimeSpan.Zero ? t : throw new ArgumentException($"--idle-timeout: '{idleText}'")
            : TimeSpan.FromSeconds(20);
        return new StreamBenchmarkOptions(rabbit, Count("--events", 2_000_000, 1), Count("--warmup", 1_000_000, 0),
            Count("--students", 25_000, 1), Count("--post-size", 5_000, 1), Count("--posters", 3, 1), Count("--partitions", 4, 1), idle);
    }
}
