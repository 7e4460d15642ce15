using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Tests.Support;

namespace Orchestrated.Server.Tests.Dags;

/// <summary>
/// A server and its stream workers start together: each migrates the metadata database and syncs the workflows
/// folder. Found by the local topology's two stream workers: two migrating a fresh PostgreSQL database at once both
/// added the same columns and died, and two saving the same DAG hit its primary key. Both now take turns.
/// </summary>
public sealed class ConcurrentStartTests
{
    [Fact]
    public async Task Processes_migrating_a_fresh_database_at_once_all_succeed()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var factories = Enumerable.Range(0, 4).Select(_ =>
            new ServiceCollection().AddMetadataDb(database.Options).BuildServiceProvider()
                .GetRequiredService<IDbContextFactory<MetadataDb>>()).ToList();
        await Task.WhenAll(factories.Select(f => Task.Run(() => f.MigrateAsync())));
        await using var db = await factories[0].CreateDbContextAsync();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    [Fact]
    public async Task Processes_saving_the_same_definition_at_once_all_succeed_with_one_version()
    {
        await using var database = await TestDatabase.PostgresAsync();
        var catalogs = new List<DagCatalog>();
        for (var i = 0; i < 6; i++)
        {
            var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)).AddSingleton(TimeProvider.System);
            services.AddMetadataDb(database.Options);
            services.AddOrchestration();
            var provider = services.BuildServiceProvider();
            if (i == 0) await provider.GetRequiredService<IDbContextFactory<MetadataDb>>().MigrateAsync();
            catalogs.Add(provider.GetRequiredService<DagCatalog>());
        }
        var json = TestDags.SessionDuration();
        var versions = await Task.WhenAll(catalogs.Select(c =>
            Task.Run(() => c.SaveAsync("session_duration", json, "file session_duration.json", null, onlyIfChanged: true,
                CancellationToken.None))));
        Assert.Equal([1], versions.Distinct());
    }
}
