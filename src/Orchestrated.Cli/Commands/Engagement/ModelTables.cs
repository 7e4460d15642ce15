using System.Globalization;
using Orchestrated.Domain.Engagement.Evaluation;
using Orchestrated.Pipeline.Engagement;
using Spectre.Console;

namespace Orchestrated.Cli.Commands.Engagement;

/// <summary>A model card and the model versions as tables.</summary>
internal static class ModelTables
{
    public static void PrintCard(ModelCard card)
    {
        var e = card.Evaluation;
        AnsiConsole.WriteLine(
            $"{card.Name} {card.Version}: trained on {e.TrainingRows:N0} student-days ({e.TrainingPositives:N0} dropping out) " +
            $"before {e.Split.Cutoff:yyyy-MM-dd}, evaluated on {e.Model.Count:N0} ({e.Model.Positives:N0}) from it; label: no session " +
            $"in the {card.HorizonDays} days after");
        var table = new Table().AddColumns("", "model", "baseline");
        if (card.PreviousOnTheSameRows is not null) table.AddColumn($"published {card.PreviousVersion}");
        void Row(string name, Func<BinaryScores, double> of) =>
            table.AddRow([name, F(of(e.Model)), F(of(e.Baseline)),
                .. card.PreviousOnTheSameRows is { } p ? [F(of(p))] : Array.Empty<string>()]);
        Row("ROC-AUC", s => s.RocAuc);
        Row("PR-AUC", s => s.PrAuc);
        Row($"precision at {e.Model.K} a day", s => s.PrecisionAtK);
        Row("Brier score", s => s.Brier);
        AnsiConsole.Write(table);
        if (e.Lead is { } lead)
            AnsiConsole.WriteLine($"lead time: {lead.WarnedByTheLastSession} of {lead.Episodes} students who stopped were in the high " +
                $"band by their last session (median {lead.MedianDays?.ToString("F1", CultureInfo.InvariantCulture) ?? "–"} days " +
                "before), " +
                $"{lead.Missed} never");
        AnsiConsole.MarkupLine(card.Published ? $"[green]{Markup.Escape(card.Decision)}[/]" : $"[yellow]{Markup.Escape(card.Decision)}[/]");
    }

    public static void PrintVersions(IReadOnlyList<ModelCard> cards, string? published)
    {
        var table = new Table().AddColumns("version", "as of", "ROC-AUC", "PR-AUC", "P@k", "Brier", "baseline ROC-AUC", "baseline PR-AUC",
            "published");
        foreach (var c in cards)
            table.AddRow(c.Version, $"{c.TrainedAsOf:yyyy-MM-dd}", F(c.Evaluation.Model.RocAuc), F(c.Evaluation.Model.PrAuc),
                F(c.Evaluation.Model.PrecisionAtK), F(c.Evaluation.Model.Brier), F(c.Evaluation.Baseline.RocAuc),
                F(c.Evaluation.Baseline.PrAuc), c.Version == published ? "current" : c.Published ? "was" : "no");
        AnsiConsole.Write(table);
    }

    private static string F(double value) => double.IsNaN(value) ? "–" : value.ToString("F3", CultureInfo.InvariantCulture);
}
