using Orchestrated.Cli.Commands;
using Orchestrated.Cli.Commands.Server;
using Spectre.Console;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("orchestrated");
    config.AddCommand<SampleCommand>("sample").WithDescription("Write a realistic raw data set (several days, hundreds of students, every edge case of the contract).");
    config.AddCommand<RunCommand>("run").WithDescription("Run ingest, clean, sessionize and aggregate for a date or a range of dates.");
    config.AddCommand<StepCommand>("step").WithDescription("Run one step for one date.");
    config.AddCommand<ShowCommand>("show").WithDescription("Show one student's clean events and sessions for a date.");
    config.AddCommand<DagsCommand>("dags").WithDescription("List the server's DAGs: schedule, next fire, latest run.");
    config.AddCommand<TriggerCommand>("trigger").WithDescription("Trigger a run of a DAG for a logical date, with param overrides.");
    config.AddCommand<BackfillCommand>("backfill").WithDescription("Backfill a date range on the server (missing, failed, stale or all dates).");
    config.AddCommand<RunsCommand>("runs").WithDescription("List a DAG's runs with the state of each task.");
    config.AddCommand<PartitionsCommand>("partitions").WithDescription("Show each output partition of a date range: final, provisional (and what it lacks), stale, failed or missing.");
    config.AddCommand<ClearCommand>("clear").WithDescription("Clear a task of a run (and its downstream) so it runs again.");
    config.AddCommand<BenchCommand>("bench").WithDescription("Generate events, run every step and print throughput, end-to-end time and peak memory.");
    config.SetExceptionHandler((exception, _) => ErrorReport.Print(exception));
});
var exitCode = await app.RunAsync(args);
if (Environment.GetEnvironmentVariable("ORCHESTRATED_GC_STATS") == "1")
    Console.Error.WriteLine($"gc: pause {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms, collections gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)}, allocated {GC.GetTotalAllocatedBytes() / 1e6:F0} MB");
return exitCode;
