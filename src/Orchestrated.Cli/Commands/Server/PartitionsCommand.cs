using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands.Server;

/// <summary>Each output partition of a date range: final, provisional (with what it still lacks), stale, failed or missing.</summary>
public sealed class PartitionsCommand : AsyncCommand<PartitionsCommand.Settings>
{
    public sealed class Settings : ListFlags
    {
        [CommandOption("--from <DATE>")]
        [Description("First date (yyyy-MM-dd).")]
        public string From { get; init; } = "";

        [CommandOption("--to <DATE>")]
        [Description("Last date (default: --from).")]
        public string? To { get; init; }

        [CommandOption("-w|--wait")]
        [Description("First wait until the DAG has settled: no run queued or running for a few scheduler passes " +
                     "(re-runs of stale dates included).")]
        public bool Wait { get; init; }

        [CommandOption("--require-final")]
        [Description("Exit with 1 unless every partition of the range is final.")]
        public bool RequireFinal { get; init; }

        [CommandOption("--timeout <SECONDS>")]
        [Description("How long --wait waits at most (default 600).")]
        public int TimeoutSeconds { get; init; } = 600;

        public override ValidationResult Validate() => From == "" ? ValidationResult.Error("--from is required.") : base.Validate();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings flags, CancellationToken cancellationToken)
    {
        var from = PipelineFlags.ParseDate(flags.From, "--from");
        var to = flags.To is null ? from : PipelineFlags.ParseDate(flags.To, "--to");
        using var client = flags.Client();
        if (flags.Wait && !await SettleAsync(client, flags.Dag, TimeSpan.FromSeconds(flags.TimeoutSeconds), cancellationToken))
        {
            AnsiConsole.MarkupLine("[red]runs were still queued or running when --timeout passed[/]");
            return 1;
        }
        var query = $"/api/dags/{flags.Dag}/partitions?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        var partitions = await client.GetAsync(query, cancellationToken);
        if (!flags.WriteJson(partitions)) Print(partitions);
        return flags.RequireFinal && partitions.EnumerateArray().Any(p => p.GetProperty("status").GetString() != "final") ? 1 : 0;
    }

    /// <summary>
    /// No run queued or running over several scheduler passes: a finished run's stale neighbours are only re-run on
    /// the pass after it, so one quiet look is not enough.
    /// </summary>
    private static async Task<bool> SettleAsync(ServerClient client, string dag, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + timeout;
        var quietSince = (DateTime?)null;
        while (DateTime.UtcNow < deadline)
        {
            var busy = false;
            foreach (var state in new[] { "queued", "running" })
                busy |= (await client.GetAsync($"/api/dags/{dag}/runs?state={state}&limit=1", ct)).GetArrayLength() > 0;
            quietSince = busy ? null : quietSince ?? DateTime.UtcNow;
            if (DateTime.UtcNow - quietSince > TimeSpan.FromSeconds(5)) return true;
            await Task.Delay(500, ct);
        }
        return false;
    }

    public static void Print(JsonElement partitions)
    {
        var rows = partitions.EnumerateArray().ToList();
        var datasets = rows.Select(r => r.GetProperty("dataset").GetString()!).Distinct().ToList();
        var table = new Table().AddColumn("date");
        foreach (var dataset in datasets) table.AddColumn(dataset);
        table.AddColumn("waiting for");
        foreach (var date in rows.GroupBy(r => r.GetProperty("date").GetString()!))
        {
            var cells = datasets.Select(d =>
                StateColors.Markup(date.FirstOrDefault(r => r.GetProperty("dataset").GetString() == d).GetProperty("status").GetString()));
            var lacking = date.SelectMany(r => r.GetProperty("awaiting").EnumerateArray().Select(m => m.GetString()!)).Distinct().ToList();
            table.AddRow([date.Key, .. cells, Markup.Escape(string.Join(", ", lacking))]);
        }
        AnsiConsole.Write(table);
        var counts = rows.GroupBy(r => r.GetProperty("status").GetString()!).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}");
        AnsiConsole.MarkupLine($"[grey]{Markup.Escape(string.Join(", ", counts))} — final: will not change unless data arrives " +
                               "later than the DAG's late window; provisional: waits for the partitions named[/]");
    }
}
