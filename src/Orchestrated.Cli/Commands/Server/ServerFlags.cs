using System.ComponentModel;
using Spectre.Console.Cli;

namespace Orchestrated.Cli.Commands.Server;

/// <summary>Where the workflow server is: <c>--server</c>, else ORCHESTRATED_SERVER, else the embedded default's address.</summary>
public class ServerFlags : CommandSettings
{
    public const string DefaultServer = "http://127.0.0.1:5080";

    [CommandOption("--server <URL>")]
    [Description("The workflow server's address (default: $ORCHESTRATED_SERVER or " + DefaultServer + ").")]
    public string? Server { get; init; }

    [CommandOption("--dag <DAG>")]
    [Description("The DAG (default: session_duration).")]
    public string Dag { get; init; } = "session_duration";

    [CommandOption("--api-key <KEY>")]
    [Description("An API key for a server that requires one (default: $ORCHESTRATED_API_KEY). Prefer the variable: " +
        "flags show in process lists.")]
    public string? ApiKey { get; init; }

    public ServerClient Client() => new(new Uri(Server ?? Environment.GetEnvironmentVariable("ORCHESTRATED_SERVER") ?? DefaultServer),
        ApiKey ?? Environment.GetEnvironmentVariable("ORCHESTRATED_API_KEY"));
}
