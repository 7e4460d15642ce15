namespace Orchestrated.Cli.Commands.Server;

/// <summary>The same colours for states everywhere the CLI prints them.</summary>
public static class StateColors
{
    public static string Markup(string? state) => state switch
    {
        "success" or "completed" or "final" => $"[green]{state}[/]",
        "failed" or "upstream_failed" => $"[red]{state}[/]",
        "running" or "queued" or "scheduled" or "waiting" => $"[blue]{state}[/]",
        "up_for_retry" or "stale" or "provisional" => $"[yellow]{state}[/]",
        null => "[grey]-[/]",
        _ => $"[grey]{state}[/]",
    };
}
