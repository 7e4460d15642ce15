using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands.Server;

public sealed class RunsCommand : AsyncCommand<RunsCommand.Settings>
{
    public sealed class Settings : ListFlags
    {
        [CommandOption("-n|--limit <N>")]
        [Description("How many runs, newest first (default 20).")]
        public int Limit { get; init; } = 20;

        [CommandOption("--state <STATE>")]
        [Description("Only runs in this state: queued, running, success, failed, cancelled.")]
        public string? State { get; init; }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings flags, CancellationToken cancellationToken)
    {
        using var client = flags.Client();
        var query = $"/api/dags/{flags.Dag}/runs?limit={flags.Limit}" + (flags.State is null ? "" : $"&state={flags.State}");
        var runs = await client.GetAsync(query, cancellationToken);
        if (flags.WriteJson(runs)) return 0;
        Print(runs, await TaskOrderAsync(client, flags.Dag, cancellationToken));
        return 0;
    }

    public static async Task<IReadOnlyList<string>> TaskOrderAsync(ServerClient client, string dag, CancellationToken ct) =>
        (await client.GetAsync($"/api/dags/{dag}", ct)).GetProperty("tasks").EnumerateArray()
            .Select(t => t.GetProperty("taskId").GetString()!).ToList();

    /// <summary>One row per run; its tasks as one symbol each, in DAG order, so a week of runs reads at a glance.</summary>
    public static void Print(JsonElement runs, IReadOnlyList<string> taskOrder)
    {
        var list = runs.ValueKind == JsonValueKind.Array ? runs.EnumerateArray().ToList() : [runs];
        if (list.Count == 0)
        {
            AnsiConsole.MarkupLine("[grey]no runs[/]");
            return;
        }
        var table = new Table().AddColumns("run", "logical date", "kind", "state", "tasks", "outputs", "ver");
        var notes = new List<string>();
        foreach (var run in list)
        {
            var states = run.TryGetProperty("tasks", out var t) && t.ValueKind == JsonValueKind.Object ? t : default;
            var symbols = string.Concat(taskOrder.Select(task =>
                Symbol(states.ValueKind == JsonValueKind.Object && states.TryGetProperty(task, out var s) ? s.GetString() : null)));
            var id = run.GetProperty("id").GetInt64();
            var (date, kind) = (run.GetProperty("logicalDate").GetString()!, run.GetProperty("kind").GetString()!);
            table.AddRow(id.ToString(), date, kind, StateColors.Markup(run.GetProperty("state").GetString()), symbols,
                StateColors.Markup(Outputs(run)), run.GetProperty("dagVersion").GetInt32().ToString());
            if (run.TryGetProperty("note", out var note) && note.ValueKind == JsonValueKind.String)
                notes.Add($"run {id} ({kind} of {date}): {note.GetString()}");
        }
        AnsiConsole.Write(table);
        foreach (var note in notes) AnsiConsole.MarkupLineInterpolated($"[grey]{note}[/]");
        AnsiConsole.MarkupLine($"[grey]tasks: {Markup.Escape(string.Join(" → ", taskOrder))}  {Legend}[/]");
    }

    private const string Legend = "([green]✓[/] success [red]✗[/] failed [blue]▶[/] running/queued [yellow]↻[/] up for retry " +
                                  "[blue]…[/] waiting for another date [red]⊘[/] upstream failed [grey]-[/] skipped · not started)";

    /// <summary>
    /// The partitions this run wrote last, as one word: stale or provisional if any is, else final; "-" if it wrote none
    /// that stand.
    /// </summary>
    private static string? Outputs(JsonElement run)
    {
        if (!run.TryGetProperty("partitions", out var p) || p.ValueKind != JsonValueKind.Object) return null;
        var states = p.EnumerateObject().Select(x => x.Value.GetString()).ToList();
        return states.FirstOrDefault(s => s is "stale" or "failed")
               ?? states.FirstOrDefault(s => s == "provisional")
               ?? states.FirstOrDefault();
    }

    private static string Symbol(string? state) => state switch
    {
        "success" => "[green]✓[/]",
        "failed" => "[red]✗[/]",
        "running" or "queued" or "scheduled" => "[blue]▶[/]",
        "waiting" => "[blue]…[/]",
        "up_for_retry" => "[yellow]↻[/]",
        "upstream_failed" => "[red]⊘[/]",
        "skipped" => "[grey]-[/]",
        _ => "[grey]·[/]",
    };
}
