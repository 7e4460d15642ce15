using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orchestrated.Server.Metadata;

namespace Orchestrated.Server.Health;

public sealed class MetadataDbHealthCheck(IDbContextFactory<MetadataDb> dbs, DatabaseOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbs.CreateDbContextAsync(cancellationToken);
            return await db.Dags.AnyAsync(cancellationToken) || await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy(options.Provider.ToString())
                : HealthCheckResult.Unhealthy($"{options.Provider} metadata database does not answer");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{options.Provider} metadata database: {e.Message}");
        }
    }
}
