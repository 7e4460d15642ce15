using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands.Server;

public sealed class BackfillCommand : AsyncCommand<BackfillCommand.Settings>
{
    public sealed class Settings : ServerFlags
    {
        [CommandOption("--from <DATE>")]
        public string From { get; init; } = "";

        [CommandOption("--to <DATE>")]
        public string To { get; init; } = "";

        [CommandOption("--reprocess <MODE>")]
        [Description("missing (default): dates without a successful run; failed; stale: outputs whose inputs changed; all.")]
        public string Reprocess { get; init; } = "missing";

        [CommandOption("-c|--concurrency <N>")]
        [Description("Runs of this backfill at once (default 2).")]
        public int Concurrency { get; init; } = 2;

        [CommandOption("--dry-run")]
        [Description("Show what would run, create nothing.")]
        public bool DryRun { get; init; }

        [CommandOption("-w|--wait")]
        [Description("Wait until the backfill has finished.")]
        public bool Wait { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrEmpty(From) || string.IsNullOrEmpty(To)
                ? ValidationResult.Error("--from and --to are required")
                : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings flags, CancellationToken cancellationToken)
    {
        var from = PipelineFlags.ParseDate(flags.From, "--from");
        var to = PipelineFlags.ParseDate(flags.To, "--to");
        using var client = flags.Client();
        var backfill = await client.PostAsync($"/api/dags/{flags.Dag}/backfills", new
        {
            from = from.ToString("yyyy-MM-dd"), to = to.ToString("yyyy-MM-dd"), reprocess = flags.Reprocess,
            maxConcurrentRuns = flags.Concurrency, dryRun = flags.DryRun,
        }, cancellationToken);
        var plan = new Table().AddColumns("date", "action", "reason");
        foreach (var day in backfill.GetProperty("plan").EnumerateArray())
            plan.AddRow(day.GetProperty("date").GetString()!,
                day.GetProperty("action").GetString() == "run" ? "[blue]run[/]" : "[grey]skip[/]",
                Markup.Escape(day.GetProperty("reason").GetString()!));
        AnsiConsole.Write(plan);
        if (flags.DryRun)
        {
            AnsiConsole.MarkupLine("[grey]dry run: nothing was created[/]");
            return 0;
        }
        var id = backfill.GetProperty("id").GetInt64();
        AnsiConsole.MarkupLineInterpolated($"backfill [blue]{id}[/] {backfill.GetProperty("state").GetString()}");
        if (!flags.Wait) return 0;
        JsonElement done = default;
        await AnsiConsole.Status().StartAsync($"backfill {id}", async status =>
        {
            while (true)
            {
                done = await client.GetAsync($"/api/backfills/{id}", cancellationToken);
                var states = done.GetProperty("runStates");
                status.Status($"backfill {id}: " +
                    string.Join(", ", states.EnumerateObject().Select(s => $"{s.Value.GetInt32()} {s.Name}")));
                if (done.GetProperty("state").GetString() != "running") return;
                await Task.Delay(500, cancellationToken);
            }
        });
        var runStates = done.GetProperty("runStates");
        var counts = string.Join(", ", runStates.EnumerateObject().Select(s => $"{s.Value.GetInt32()} {s.Name}"));
        AnsiConsole.MarkupLineInterpolated($"backfill {id} {done.GetProperty("state").GetString()}: {counts}");
        return runStates.EnumerateObject().Any(s => s.Name != "success") ? 1 : 0;
    }
}
