using Orchestrated.Benchmarks;

// orchestrated-bench [--rabbitmq host:port] [--postgres "connection string"] [--days 365] [--concurrency 16]
return await OrchestrationBenchmark.RunAsync(BenchmarkOptions.Parse(args));
