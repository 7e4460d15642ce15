using Orchestrated.Benchmarks;

// orchestrated-bench [--rabbitmq host:port] [--postgres "connection string"] [--days 365] [--concurrency 16]
// orchestrated-bench duckdb --work-dir PATH   (the DuckDB SQL yardstick over the raw data of `orchestrated bench --keep`)
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
