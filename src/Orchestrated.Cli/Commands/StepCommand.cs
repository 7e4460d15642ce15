using System.ComponentModel;
using Orchestrated.Pipeline.Steps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands;

/// <summary>One step for one date, with its params as a DAG task would give them: every step the registry knows.</summary>
public sealed class StepCommand(StepRegistry registry) : AsyncCommand<StepCommand.Settings>
{
    public sealed class Settings : PipelineFlags
    {
        [CommandArgument(0, "<STEP>")]
        [Description("The step type, such as ingest, clean, sessionize or aggregate.")]
        public string Step { get; init; } = "";

        [CommandOption("-d|--date <DATE>")]
        public string Date { get; init; } = "";

        [CommandOption("-p|--param <NAME=VALUE>")]
        [Description("A param of the step, as a DAG task sets it (repeatable), such as -p inactivity_gap=45m.")]
        public string[] Params { get; init; } = [];

        public override ValidationResult Validate() =>
            string.IsNullOrEmpty(Date) ? ValidationResult.Error("--date is required") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings flags, CancellationToken cancellationToken)
    {
        var date = PipelineFlags.ParseDate(flags.Date, "--date");
        var descriptor = registry.Get(flags.Step);
        var parameters = new Dictionary<string, string>();
        foreach (var p in flags.Params)
        {
            var at = p.IndexOf('=');
            if (at <= 0) throw new ArgumentException($"--param: '{p}' is not NAME=VALUE.");
            var takes = descriptor.Params.Count > 0 ? $" (it takes {string.Join(", ", descriptor.Params.Select(x => x.Name))})." : ".";
            var spec = descriptor.Params.FirstOrDefault(x => x.Name == p[..at])?.Spec
                ?? throw new ArgumentException($"--param: step '{descriptor.Name}' has no param '{p[..at]}'{takes}");
            if (!Orchestrated.Workflows.Definitions.ParamValues.Normalise(spec, p[(at + 1)..], out var value, out var error))
                throw new ArgumentException($"--param: {error}");
            parameters[spec.Name] = value!;
        }
        var settings = flags.Load();
        using var loggers = flags.Loggers();
        var (store, _) = flags.Open(settings, loggers);
        var steps = new PipelineSteps(store, registry.Apply(descriptor.Name, settings.Steps, parameters), loggers, registry);
        var result = await steps.RunAsync(descriptor.Name, date, null, cancellationToken);
        ResultTable.Print([result]);
        foreach (var output in result.Outputs)
            AnsiConsole.MarkupLineInterpolated($"wrote [blue]{steps.Store.Describe(output.Key)}[/] ({output.Size:N0} bytes)");
        return 0;
    }
}
