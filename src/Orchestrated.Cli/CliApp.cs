using Orchestrated.Cli.Commands;
using Orchestrated.Cli.Commands.Server;
using Orchestrated.Pipeline.Steps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrated.Cli;

/// <summary>The <c>orchestrated</c> tool over a step registry: the standard steps in <c>Program</c>, more in tests.</summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args, StepRegistry steps)
    {
        // Piped into a file or a CI log, tables keep their natural width instead of being folded into 80 columns mid-word.
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 4096;
        var registrar = new TypeRegistrar();
        registrar.RegisterInstance(typeof(StepRegistry), steps);
        var commands = new CommandRegistry();
        var app = new CommandApp(registrar);
        app.Configure(config =>
        {
            config.SetApplicationName("orchestrated");
            // A data tool refuses what it does not understand: an unknown flag or a stray argument is an error (exit 64).
            config.UseStrictParsing();
            commands.Add<SampleCommand>(config, "sample",
                "Write a realistic raw data set (several days, hundreds of students, every edge case of the contract).");
            commands.Add<RunCommand>(config, "run", "Run ingest, clean, sessionize and aggregate for a date or a range of dates.");
            commands.Add<StepCommand>(config, "step", $"Run one step for one date: {string.Join(", ", steps.Steps.Select(s => s.Name))}.");
            commands.Add<Commands.Engagement.TrainCommand>(config, "train",
                "Train the dropout model as of a date, judge it against the baseline, publish it when better.");
            commands.Add<Commands.Engagement.ScoreCommand>(config, "score",
                "Score the students as of a date with the published dropout model: risk, band, trend, reasons.");
            commands.Add<Commands.Engagement.ModelsCommand>(config, "models", "List the dropout model's versions with their metrics.");
            commands.Add<ShowCommand>(config, "show", "Show one student's clean events and sessions for a date.");
            commands.Add<DagsCommand>(config, "dags", "List the server's DAGs: schedule, next fire, latest run.");
            commands.Add<TriggerCommand>(config, "trigger", "Trigger a run of a DAG for a logical date, with param overrides.");
            commands.Add<BackfillCommand>(config, "backfill", "Backfill a date range on the server (missing, failed, stale or all dates).");
            commands.Add<RunsCommand>(config, "runs", "List a DAG's runs with the state of each task.");
            commands.Add<PartitionsCommand>(config, "partitions",
                "Show each output partition of a date range: final, provisional (and what it awaits), stale, failed or missing.");
            commands.Add<ClearCommand>(config, "clear", "Clear a task of a run (and its downstream) so it runs again.");
            commands.Add<BenchCommand>(config, "bench",
                "Generate events, run every step and print throughput, end-to-end time and peak memory.");
            commands.Add<HostileBenchCommand>(config, "bench-hostile",
                "Peak memory and time per hostile input (blank floods, huge lines, gzip bombs, many dates, damaged Parquet).");
            config.SetExceptionHandler((exception, _) =>
                ErrorReport.Print(exception, commands.Suggestions.For(args.FirstOrDefault(), exception.Message)));
        });
        return app.RunAsync(args);
    }
}
