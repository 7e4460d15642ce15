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

    public ServerClient Client() => new(new Uri(Server ?? Environment.GetEnvironmentVariable("ORCHESTRATED_SERVER") ?? DefaultServer));
}
