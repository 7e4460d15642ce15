namespace Orchestrated.Server;

/// <summary>What the server process itself hosts (section <c>Orchestrated:Server</c>).</summary>
public sealed class ServerOptions
{
    public const string Section = "Orchestrated:Server";

    /// <summary>Run the workers in this process too, on RabbitMQ (with the in-memory broker they always are).</summary>
    public bool HostWorkers { get; set; }
}
