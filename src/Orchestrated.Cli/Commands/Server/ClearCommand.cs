using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands.Server;

public sealed class ClearCommand : AsyncCommand<ClearCommand.Settings>
{
    public sealed class Settings : ServerFlags
    {
        [CommandOption("--run <ID>")]
        public long Run { get; init; }

        [CommandOption("--task <TASK>")]
        public string Task { get; init; } = "";

        [CommandOption("--no-downstream")]
        [Description("Clear only this task, not the tasks after it.")]
        public bool NoDownstream { get; init; }

        public override ValidationResult Validate() =>
            Run <= 0 || string.IsNullOrEmpty(Task) ? ValidationResult.Error("--run and --task are required") : ValidationResult.Success();
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings flags, CancellationToken cancellationToken)
    {
        using var client = flags.Client();
        var result = await client.PostAsync($"/api/runs/{flags.Run}/tasks/{flags.Task}/clear", new { downstream = !flags.NoDownstream },
            cancellationToken);
        var cleared = result.GetProperty("cleared").EnumerateArray().Select(t => t.GetString()).ToList();
        AnsiConsole.MarkupLineInterpolated($"cleared {string.Join(", ", cleared)} in run {flags.Run}: they run again now");
        return 0;
    }
}
