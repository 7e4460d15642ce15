using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Execution.Health;

/// <summary>Ready only when the storage root answers a listing (a folder that exists, a bucket we can read).</summary>
public sealed class StorageHealthCheck(IObjectStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await store.ListAsync("raw/", cancellationToken);
            return HealthCheckResult.Healthy(store.Describe(""));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"storage {store.Describe("")} does not answer: {e.Message}");
        }
    }
}
