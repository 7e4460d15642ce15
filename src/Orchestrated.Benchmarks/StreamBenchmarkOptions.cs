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
        var values = new BenchmarkFlags(args, Flags);
        var rabbit = values.Text("--rabbitmq") ?? Environment.GetEnvironmentVariable("ORCHESTRATED_TEST_RABBITMQ")
            ?? throw new ArgumentException("--rabbitmq host:port is required (or ORCHESTRATED_TEST_RABBITMQ)");
        var idle = values.Text("--idle-timeout") is { } idleText
            ? TimeSpan.TryParse(idleText, out var t) && t > TimeSpan.Zero ? t : throw new ArgumentException($"--idle-timeout: '{idleText}'")
            : TimeSpan.FromSeconds(20);
        return new StreamBenchmarkOptions(rabbit, values.Count("--events", 2_000_000, 1), values.Count("--warmup", 1_000_000, 0),
            values.Count("--students", 25_000, 1), values.Count("--post-size", 5_000, 1), values.Count("--posters", 3, 1),
            values.Count("--partitions", 4, 1), idle);
    }
}
