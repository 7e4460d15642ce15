using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands.Server;

public sealed class DagsCommand : AsyncCommand<ListFlags>
{
    public override async Task<int> ExecuteAsync(CommandContext context, ListFlags flags, CancellationToken cancellationToken)
    {
        using var client = flags.Client();
        var dags = await client.GetAsync("/api/dags", cancellationToken);
        if (flags.WriteJson(dags)) return 0;
        var table = new Table().AddColumns("DAG", "paused", "version", "schedule", "next fire (UTC)", "tasks", "latest run");
        foreach (var dag in dags.EnumerateArray())
        {
            var latest = dag.GetProperty("latestRun");
            table.AddRow(
                Markup.Escape(dag.GetProperty("dagId").GetString()!),
                dag.GetProperty("paused").GetBoolean() ? "[yellow]paused[/]" : "no",
                dag.GetProperty("version").GetInt32().ToString(),
                Markup.Escape($"{dag.GetProperty("schedule").GetString()} ({dag.GetProperty("timeZone").GetString()})"),
                dag.GetProperty("nextFires").EnumerateArray().FirstOrDefault()
                    is { ValueKind: not System.Text.Json.JsonValueKind.Undefined } f
                    ? f.GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd HH:mm") : "-",
                Markup.Escape(string.Join(" → ",
                    dag.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("taskId").GetString()))),
                latest.ValueKind == System.Text.Json.JsonValueKind.Null ? "-"
                    : $"{latest.GetProperty("logicalDate").GetString()} {StateColors.Markup(latest.GetProperty("state").GetString())}");
        }
        AnsiConsole.Write(table);
        return 0;
    }
}
