using System.ComponentModel;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands.Server;

public sealed class TriggerCommand : AsyncCommand<TriggerCommand.Settings>
{
    public sealed class Settings : ServerFlags
    {
        [CommandOption("-d|--date <DATE>")]
        [Description("The logical date to run (yyyy-MM-dd).")]
        public string Date { get; init; } = "";

        [CommandOption("-p|--param <TASK.PARAM=VALUE>")]
        [Description("A param override, such as compute_sessions.inactivity_gap=45m; repeatable.")]
        public string[] Params { get; init; } = [];

        [CommandOption("--note <TEXT>")]
        public string? Note { get; init; }

        [CommandOption("-w|--wait")]
        [Description("Wait for the run to finish and show its tasks.")]
        public bool Wait { get; init; }

        public override ValidationResult Validate() =>
            string.IsNullOrEmpty(Date) ? ValidationResult.Error("--date is required")
            : Params.FirstOrDefault(p => !p.Contains('=') || !p[..p.IndexOf('=')].Contains('.')) is { } bad
                ? ValidationResult.Error($"--param {bad}: write TASK.PARAM=VALUE")
            : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings flags, CancellationToken cancellationToken)
    {
        var date = PipelineFlags.ParseDate(flags.Date, "--date");
        var overrides = new Dictionary<string, Dictionary<string, string>>();
        foreach (var p in flags.Params)
        {
            var (name, value) = (p[..p.IndexOf('=')], p[(p.IndexOf('=') + 1)..]);
            var dot = name.IndexOf('.');
            (overrides.TryGetValue(name[..dot], out var d) ? d : overrides[name[..dot]] = [])[name[(dot + 1)..]] = value;
        }
        using var client = flags.Client();
        var run = await client.PostAsync($"/api/dags/{flags.Dag}/runs",
            new { logicalDate = date.ToString("yyyy-MM-dd"), @params = overrides, note = flags.Note }, cancellationToken);
        var runId = run.GetProperty("id").GetInt64();
        AnsiConsole.MarkupLineInterpolated($"triggered run [blue]{runId}[/] of {flags.Dag} for {date:yyyy-MM-dd}");
        if (!flags.Wait) return 0;
        var finished = await WaitForRunAsync(client, runId, cancellationToken);
        RunsCommand.Print(finished, await RunsCommand.TaskOrderAsync(client, flags.Dag, cancellationToken));
        return finished.GetProperty("state").GetString() == "success" ? 0 : 1;
    }

    public static async Task<JsonElement> WaitForRunAsync(ServerClient client, long runId, CancellationToken ct)
    {
        JsonElement run = default;
        await AnsiConsole.Status().StartAsync($"run {runId}", async status =>
        {
            while (true)
            {
                run = await client.GetAsync($"/api/runs/{runId}", ct);
                var state = run.GetProperty("state").GetString();
                var tasks = run.GetProperty("tasks");
                status.Status($"run {runId}: {state}" + (tasks.ValueKind == JsonValueKind.Object
                    ? " — " + string.Join(", ", tasks.EnumerateObject().Select(t => $"{t.Name} {t.Value.GetString()}")) : ""));
                if (state is "success" or "failed" or "cancelled") return;
                await Task.Delay(500, ct);
            }
        });
        return run;
    }
}
