namespace Orchestrated.Cli.Commands.Server;

/// <summary>The same colours for states everywhere the CLI prints them.</summary>
public static class StateColors
{
    public static string Markup(string? state) => state switch
    {
        "success" or "completed" or "up_to_date" => $"[green]{state}[/]",
        "failed" or "upstream_failed" => $"[red]{state}[/]",
        "running" or "queued" or "scheduled" => $"[blue]{state}[/]",
        "up_for_retry" or "stale" => $"[yellow]{state}[/]",
        null => "[grey]-[/]",
        _ => $"[grey]{state}[/]",
    };
}
