using Microsoft.Extensions.Hosting;

namespace Orchestrated.Execution;

/// <summary>Who runs a try (host name and process id, shown in the UI) and the signal that the host is stopping.</summary>
public sealed class WorkerIdentity(IHostApplicationLifetime lifetime, string? name = null)
{
    public string Name { get; } = name ?? $"{Environment.MachineName}:{Environment.ProcessId}";

    public CancellationToken Stopping => lifetime.ApplicationStopping;
}
