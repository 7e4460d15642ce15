using Orchestrated.Pipeline;
using Orchestrated.Pipeline.Steps;
using Spectre.Console;

namespace Orchestrated.Cli.Commands;

/// <summary>Step results as one table (what went in, came out, was set aside, how long), then what deserves a look.</summary>
public static class ResultTable
{
    public static void Print(IReadOnlyList<StepResult> results)
    {
        var ordered = results.OrderBy(r => r.Date).ThenBy(r => StepRegistry.Standard.DataSteps.ToList().IndexOf(r.Step)).ToList();
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("date", "step", "in", "out", "quarantined", "duplicates", "time");
        foreach (var column in table.Columns.Skip(2)) column.RightAligned();
        foreach (var r in ordered)
            table.AddRow(r.Date.ToString("yyyy-MM-dd"), r.Step, $"{r.RowsRead:N0}", $"{r.RowsWritten:N0}",
                r.QuarantinedTotal == 0 ? "" : $"{r.QuarantinedTotal:N0}", r.Duplicates == 0 ? "" : $"{r.Duplicates:N0}",
                $"{r.Duration.TotalSeconds:F2}s");
        AnsiConsole.Write(table);

        var quarantine = ordered.SelectMany(r => r.Quarantined).Where(q => q.Value > 0).GroupBy(q => q.Key)
            .Select(g => $"{g.Key} {g.Sum(q => q.Value):N0}").ToList();
        if (quarantine.Count > 0) AnsiConsole.MarkupLineInterpolated($"quarantined by reason: {string.Join(", ", quarantine)}");
        var anomalies = ordered.SelectMany(r => r.Anomalies).Where(a => a.Value > 0 && a.Key != "days_read_back").GroupBy(a => a.Key)
            .Select(g => $"{g.Key} {g.Sum(a => a.Value):N0}").ToList();
        if (anomalies.Count > 0) AnsiConsole.MarkupLineInterpolated($"anomalies: {string.Join(", ", anomalies)}");
        foreach (var warning in ordered.SelectMany(r => r.Warnings.Select(w => (r.Date, r.Step, Text: w))).GroupBy(w => (w.Step, w.Text)))
        {
            var dates = warning.Select(w => w.Date).Distinct().ToList();
            var when = dates.Count == 1 ? $"{dates[0]:yyyy-MM-dd}" : $"{dates.Count} dates";
            AnsiConsole.MarkupLineInterpolated($"[yellow]note[/] ({warning.Key.Step}, {when}): {warning.Key.Text}");
        }
    }
}
