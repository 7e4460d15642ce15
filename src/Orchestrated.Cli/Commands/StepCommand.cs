using System.ComponentModel;
using Orchestrated.Pipeline.Steps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands;

public sealed class StepCommand : AsyncCommand<StepCommand.Settings>
{
    public sealed class Settings : PipelineFlags
    {
        [CommandArgument(0, "<STEP>")]
        [Description("ingest, clean, sessionize or aggregate.")]
        public string Step { get; init; } = "";

        [CommandOption("-d|--date <DATE>")]
        public string Date { get; init; } = "";

        public override ValidationResult Validate() =>
            !StepNames.InOrder.Contains(Step) ? ValidationResult.Error($"unknown step '{Step}': use {string.Join(", ", StepNames.InOrder)}")
            : string.IsNullOrEmpty(Date) ? ValidationResult.Error("--date is required")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings flags, CancellationToken cancellationToken)
    {
        var date = PipelineFlags.ParseDate(flags.Date, "--date");
        var settings = flags.Load();
        using var loggers = flags.Loggers();
        var (_, steps) = flags.Open(settings, loggers);
        var result = await steps.RunAsync(flags.Step, date, null, cancellationToken);
        ResultTable.Print([result]);
        foreach (var output in result.Outputs)
            AnsiConsole.MarkupLineInterpolated($"wrote [blue]{steps.Store.Describe(output.Key)}[/] ({output.Size:N0} bytes)");
        return 0;
    }
}
