using System.ComponentModel;
using Orchestrated.Pipeline;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Parquet;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands.Engagement;

/// <summary>
/// Scores the students and the sessions of a date (or range): features, then the published models; shows the riskiest
/// students.
/// </summary>
public sealed class ScoreCommand(StepRegistry registry) : AsyncCommand<ScoreCommand.Settings>
{
    public sealed class Settings : PipelineFlags
    {
        [CommandOption("-d|--date <DATE>")]
        [Description("The date to score as of (required).")]
        public string Date { get; init; } = "";

        [CommandOption("--to <DATE>")]
        [Description("Score every date up to this one too.")]
        public string? To { get; init; }

        [CommandOption("--top <N>")]
        [Description("How many of the riskiest students of the last date to list (default 10).")]
        public int Top { get; init; } = 10;

        public override ValidationResult Validate() =>
            string.IsNullOrEmpty(Date) ? ValidationResult.Error("--date is required") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings flags, CancellationToken cancellationToken)
    {
        var from = PipelineFlags.ParseDate(flags.Date, "--date");
        var to = flags.To is null ? from : PipelineFlags.ParseDate(flags.To, "--to");
        var settings = flags.Load();
        using var loggers = flags.Loggers();
        var (store, _) = flags.Open(settings, loggers);
        var steps = new PipelineSteps(store, settings.Steps, loggers, registry);
        await new RangeRunner(steps).RunAsync(RangeRunner.Dates(from, to),
            [FeaturesDescriptor.StepName, ScoreStudentsDescriptor.StepName, ScoreSessionsDescriptor.StepName], parallelism: 1,
            ct: cancellationToken);
        await using var stream = await store.OpenReadAsync(Dataset.StudentRisk.PartKey(to), cancellationToken);
        var risks = StudentRiskTable.Read(stream, store.Describe(Dataset.StudentRisk.PartKey(to)));
        AnsiConsole.WriteLine($"{risks.Count:N0} students scored as of {to:yyyy-MM-dd} by {risks.FirstOrDefault()?.ModelVersion}: " +
            $"{risks.Count(r => r.Band == "high")} high, {risks.Count(r => r.Band == "medium")} medium");
        var table = new Table().AddColumns("student", "risk", "band", "trend", "reasons");
        foreach (var r in risks.OrderByDescending(r => r.Risk).ThenBy(r => r.StudentHash, StringComparer.Ordinal).Take(flags.Top))
            table.AddRow(Markup.Escape(r.StudentHash[..12]), $"{r.Risk:P0}", r.Band, r.Trend ?? "–", Markup.Escape(r.Reasons));
        AnsiConsole.Write(table);
        await using var sessions = await store.OpenReadAsync(Dataset.SessionScores.PartKey(to), cancellationToken);
        var scored = SessionScoresTable.Read(sessions, store.Describe(Dataset.SessionScores.PartKey(to)));
        AnsiConsole.WriteLine($"{scored.Count(s => s.Anomalous):N0} of {scored.Count:N0} sessions anomalous " +
            $"({Dataset.SessionScores.PartKey(to)})");
        return 0;
    }
}
