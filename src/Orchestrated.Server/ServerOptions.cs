namespace Orchestrated.Server;

/// <summary>What the server process itself hosts (section <c>Orchestrated:Server</c>).</summary>
public sealed class ServerOptions
{
    public const string Section = "Orchestrated:Server";

    /// <summary>Run the workers in this process too, on RabbitMQ (with the in-memory broker they always are).</summary>
    public bool HostWorkers { get; set; }

    /// <summary>
    /// The largest request body the API takes (a DAG definition of 200 tasks is a few tens of KB). A larger one is
    /// refused with 413 before it is read, so one client cannot make the server buffer megabytes.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1024 * 1024)]
    public int MaxRequestBodyKilobytes { get; set; } = 1024;
}
