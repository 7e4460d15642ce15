namespace Orchestrated.Benchmarks;

public sealed record BenchmarkOptions(string? RabbitMq, string? Postgres, int Days, int Concurrency, int SingleRuns)
{
    public static BenchmarkOptions Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        return new BenchmarkOptions(
            Value("--rabbitmq") ?? Environment.GetEnvironmentVariable("ORCHESTRATED_TEST_RABBITMQ"),
            Value("--postgres"),
            int.Parse(Value("--days") ?? "365"),
            int.Parse(Value("--concurrency") ?? "16"),
            int.Parse(Value("--single-runs") ?? "20"));
    }
}
