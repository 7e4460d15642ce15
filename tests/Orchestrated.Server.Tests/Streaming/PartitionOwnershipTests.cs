using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Streaming;
using Orchestrated.Server.Tests.Support;

namespace Orchestrated.Server.Tests.Streaming;

/// <summary>Stream partitions have one owner each; two workers split them, and one takes over a dead one's.</summary>
public sealed class PartitionOwnershipTests
{
    public static TheoryData<string> Databases() => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task Two_workers_split_the_partitions_and_one_takes_over_when_the_other_dies(string provider)
    {
        await using var database = provider == "sqlite" ? TestDatabase.Sqlite() : await TestDatabase.PostgresAsync();
        var services = new ServiceCollection().AddMetadataDb(database.Options).BuildServiceProvider();
        var dbs = services.GetRequiredService<IDbContextFactory<MetadataDb>>();
        await dbs.MigrateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
        var lease = TimeSpan.FromSeconds(15);
        var a = new PartitionOwnership(dbs, clock, "worker-a", 4, lease);
        var b = new PartitionOwnership(dbs, clock, "worker-b", 4, lease);

        Assert.Equal([0, 1, 2, 3], await a.RebalanceAsync(CancellationToken.None)); // alone: everything
        Assert.Empty(await b.RebalanceAsync(CancellationToken.None));               // all held
        Assert.Equal([0, 1], await a.RebalanceAsync(CancellationToken.None));       // two workers now: gives back its surplus
        Assert.Equal([2, 3], await b.RebalanceAsync(CancellationToken.None));
        Assert.Equal([0, 1], await a.RebalanceAsync(CancellationToken.None));       // stable

        clock.Advance(TimeSpan.FromSeconds(10));
        await b.RebalanceAsync(CancellationToken.None);                             // a dies: it renews nothing more
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal([0, 1, 2, 3], await b.RebalanceAsync(CancellationToken.None)); // a's leases expired: b takes them

        await b.ReleaseAllAsync(CancellationToken.None);
        Assert.Equal([0, 1, 2, 3], await a.RebalanceAsync(CancellationToken.None)); // given back at shutdown: at once
    }
}
