using Orchestrated.Benchmarks;

// orchestrated-bench [--rabbitmq host:port] [--postgres "connection string"] [--days 365] [--concurrency 16]
// orchestrated-bench duckdb --work-dir PATH   (the DuckDB SQL yardstick over the raw data of `orchestrated bench --keep`)
// orchestrated-bench stream [--rabbitmq host:port] [--events N] …
//   (collector → RabbitMQ streams → live sessions; see StreamBenchmarkOptions)
// orchestrated-bench models [--students N] [--days N] [--seed N] …   (the engagement models against their baselines)
if (args.Length > 0 && args[0] == "stream")
{
    StreamBenchmarkOptions stream;
    try { stream = StreamBenchmarkOptions.Parse(args[1..]); }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine($"orchestrated-bench stream: {e.Message}");
        return 2;
    }
    return await StreamBenchmark.RunAsync(stream);
}
if (args.Length > 0 && args[0] == "models")
{
    ModelsBenchmarkOptions models;
    try { models = ModelsBenchmarkOptions.Parse(args[1..]); }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine($"orchestrated-bench models: {e.Message}");
        return 2;
    }
    return await ModelsBenchmark.RunAsync(models);
}
if (args.Length > 0 && args[0] == "duckdb")
{
    var work = args.SkipWhile(a => a != "--work-dir").Skip(1).FirstOrDefault();
    if (work is null || !Directory.Exists(Path.Combine(work, "raw", "events")))
    {
        Console.Error.WriteLine("usage: orchestrated-bench duckdb --work-dir PATH (a folder with raw/events from `orchestrated bench " +
            "--keep --work-dir PATH`)");
        return 2;
    }
    return DuckDbReferencePipeline.Run(Path.GetFullPath(work));
}
return await OrchestrationBenchmark.RunAsync(BenchmarkOptions.Parse(args));
