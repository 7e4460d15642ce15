using System.ComponentModel;
using Orchestrated.Pipeline.Engagement;
using Orchestrated.Pipeline.Steps;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands.Engagement;

/// <summary>
/// Trains the dropout model (the train_dropout step) and the session anomaly detector (train_anomaly) as of a date, and
/// shows how the model did against the baseline.
/// </summary>
public sealed class TrainCommand(StepRegistry registry) : AsyncCommand<TrainCommand.Settings>
{
    public sealed class Settings : PipelineFlags
    {
        [CommandOption("-d|--date <DATE>")]
        [Description("Train as of this date: on its sessions and those before it (required).")]
        public string Date { get; init; } = "";

        [CommandOption("--label-days <N>")]
        [Description("Dropout means no session in this many days after a date (default 7).")]
        public int? LabelDays { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrEmpty(Date) ? ValidationResult.Error("--date is required") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings flags, CancellationToken cancellationToken)
    {
        var date = PipelineFlags.ParseDate(flags.Date, "--date");
        var settings = flags.Load();
        using var loggers = flags.Loggers();
        var (store, _) = flags.Open(settings, loggers);
        var parameters = flags.LabelDays is { } days ? new Dictionary<string, string> { ["label_days"] = $"{days}" } : [];
        var stepSettings = registry.Apply(TrainDropoutDescriptor.StepName, settings.Steps, parameters);
        var steps = new PipelineSteps(store, stepSettings, loggers, registry);
        await steps.RunAsync(TrainDropoutDescriptor.StepName, date, null, cancellationToken);
        var models = new ModelStore(store);
        ModelTables.PrintCard(await models.CardAsync(ModelStore.Dropout, ModelStore.VersionFor(date), cancellationToken));
        await steps.RunAsync(TrainAnomalyDescriptor.StepName, date, null, cancellationToken);
        var detector = await models.CardAsync<AnomalyCard>(ModelStore.Anomaly, ModelStore.VersionFor(date), cancellationToken);
        AnsiConsole.WriteLine($"session anomaly detector {detector.Version}: {detector.Sessions:N0} sessions, threshold " +
            $"{detector.Threshold:F2} ({detector.FlaggedShare:P1} above it); published");
        return 0;
    }
}
