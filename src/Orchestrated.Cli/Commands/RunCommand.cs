using System.ComponentModel;
using Orchestrated.Pipeline;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Storage.Layout;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands;

public sealed class RunCommand(StepRegistry registry) : AsyncCommand<RunCommand.Settings>
{
    public sealed class Settings : PipelineFlags
    {
        [CommandOption("-d|--date <DATE>")]
        [Description("The logical date (YYYY-MM-DD), or the first of a range.")]
        public string Date { get; init; } = "";

        [CommandOption("--to <DATE>")]
        [Description("The last date of the range (inclusive).")]
        public string? To { get; init; }

        [CommandOption("--parallel <N>")]
        [Description("Dates processed at once within a step (default: the number of cores).")]
        public int Parallel { get; init; } = Environment.ProcessorCount;

        public override ValidationResult Validate() =>
            string.IsNullOrEmpty(Date) ? ValidationResult.Error("--date is required") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings flags, CancellationToken cancellationToken)
    {
        var from = PipelineFlags.ParseDate(flags.Date, "--date");
        var to = flags.To is null ? from : PipelineFlags.ParseDate(flags.To, "--to");
        var dates = RangeRunner.Dates(from, to);
        var settings = flags.Load();
        using var loggers = flags.Loggers();
        var (store, _) = flags.Open(settings, loggers);
        var steps = new PipelineSteps(store, settings.Steps, loggers, registry);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        IReadOnlyList<StepResult> results = [];
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var tasks = registry.DataSteps.ToDictionary(s => s,
                    s => ctx.AddTask($"{s,-10} {dates.Count} date(s)", maxValue: dates.Count));
                var done = new Dictionary<(string, DateOnly), double>();
                results = await new RangeRunner(steps).RunAsync(dates, registry.DataSteps, flags.Parallel, (step, date, fraction) =>
                {
                    lock (done)
                    {
                        done[(step, date)] = fraction;
                        tasks[step].Value = done.Where(kv => kv.Key.Item1 == step).Sum(kv => kv.Value);
                    }
                }, ct: cancellationToken);
            });
        ResultTable.Print(results);
        AnsiConsole.MarkupLineInterpolated($"Done in {clock.Elapsed.TotalSeconds:F1}s. Outputs:");
        foreach (var dataset in new[] { Dataset.Sessions, Dataset.DailyStats, Dataset.SilverEvents, Dataset.Quarantine })
            AnsiConsole.MarkupLineInterpolated($"  {dataset.Name,-20} [blue]{store.Describe(dataset.Prefix + "/")}[/]");
        return 0;
    }
}
