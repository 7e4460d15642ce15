using System.Security.Cryptography;
using System.Text;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Time;
using Orchestrated.Execution.Messaging;
using Orchestrated.Execution.Streaming;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Streaming;
using Orchestrated.Server.Tests.Support;
using Orchestrated.Pipeline;
using Orchestrated.Storage.Objects;
using Orchestrated.Testing;

namespace Orchestrated.Server.Tests.Streaming;

/// <summary>
/// A partition's output follows from the log alone: read again — by a new owner after a crash, or twice at once during
/// a lease's overlap — it writes the same files under the same names, so nothing is lost and nothing written twice.
/// </summary>
public sealed class ReplayTests
{
    [Fact]
    public async Task Reading_a_partition_again_writes_the_same_files_byte_for_byte()
    {
        var rabbit = await TestServices.RabbitMqAsync();
        var options = new StreamOptions
        {
            Partitions = 1, QueuePrefix = $"test.replay.{Guid.NewGuid():N}", MicroBatchInterval = TimeSpan.FromSeconds(30),
            IdleTimeout = TimeSpan.FromMinutes(1),
        };
        await using var log = new RabbitMqEventLog(
            new BrokerOptions { Host = rabbit.Host, Port = rabbit.Port, Username = rabbit.Username, Password = rabbit.Password }, options);
        var start = UtcMicros.StartOf(new DateOnly(2026, 3, 2)) + 8 * 3600 * UtcMicros.PerSecond;
        var random = new Random(7);
        long clock = start, last = 0, entries = 0;
        for (var post = 0; post < 60; post++)
        {
            clock += random.Next(5, 120) * UtcMicros.PerSecond;
            var lines = Enumerable.Range(0, 10).Select(i => Event($"r-{post}-{i}", $"S{random.Next(12)}",
                clock - random.Next(0, 90) * UtcMicros.PerSecond));
            var body = Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");
            await log.AppendAsync([new EventLogEntry(0, body, 10, $"raw/{post}.jsonl", clock)], CancellationToken.None);
            entries++;
            if (post % 7 == 0)
            {
                await log.AppendAsync([EventLogEntry.Tick(0, clock + 3600 * UtcMicros.PerSecond)], CancellationToken.None);
                entries++;
            }
            last = clock + 3600 * UtcMicros.PerSecond;
        }
        await log.AppendAsync([EventLogEntry.Tick(0, last + 7200 * UtcMicros.PerSecond)], CancellationToken.None);

        await using var database = TestDatabase.Sqlite();
        await using var metadata = await MetadataAsync(database);
        var ledger = new LateEventLedger(metadata.GetRequiredService<IDbContextFactory<MetadataDb>>(), TimeProvider.System);
        var first = await ReadAllAsync(log, options, lastOffset: entries, ledger);
        var recorded = await LateRowsAsync(metadata);
        var second = await ReadAllAsync(log, options, lastOffset: entries, ledger);
        Assert.True(first.Count >= 3, $"{first.Count} files");
        Assert.True(first.Count == second.Count && first.All(f => second.GetValueOrDefault(f.Key) == f.Value),
            Difference(first, second));
        // Late files recorded once, whichever reading wrote them: the same rows, first recorded by the first.
        Assert.Contains(first.Keys, k => k.StartsWith("late/events/", StringComparison.Ordinal));
        Assert.Equal(first.Keys.Where(k => k.StartsWith("late/", StringComparison.Ordinal)).Order(),
            recorded.Select(r => r.FileKey).Order());
        Assert.Equal(recorded, await LateRowsAsync(metadata));
    }

    private static async Task<ServiceProvider> MetadataAsync(TestDatabase database)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetadataDb(database.Options);
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IDbContextFactory<MetadataDb>>().MigrateAsync();
        return provider;
    }

    private static async Task<List<(string FileKey, DateOnly Date, DateOnly Arrival, long Events, DateTime RecordedAt)>> LateRowsAsync(
        ServiceProvider metadata)
    {
        await using var db = await metadata.GetRequiredService<IDbContextFactory<MetadataDb>>().CreateDbContextAsync();
        return (await db.LateEvents.AsNoTracking().ToListAsync()).Select(r => (r.FileKey, r.Date, r.Arrival, r.Events, r.RecordedAt))
            .OrderBy(r => r.FileKey, StringComparer.Ordinal).ToList();
    }

    private static string Difference(Dictionary<string, string> first, Dictionary<string, string> second) =>
        "the second reading differs from the first:\n" + string.Join("\n", first.Keys.Union(second.Keys).Order(StringComparer.Ordinal)
            .Where(k => first.GetValueOrDefault(k) != second.GetValueOrDefault(k))
            .Select(k => $"{k}\n  first:  {first.GetValueOrDefault(k) ?? "(none)"}\n  second: {second.GetValueOrDefault(k) ?? "(none)"}"));

    private static string Event(string id, string student, long ts) =>
        $"{{\"event_id\":\"{id}\",\"student_id\":\"{student}\",\"timestamp\":\"{UtcMicros.Format(ts)}\",\"event_type\":\"page_view\"," +
        $"\"page_url\":\"/course/C1/chapter/1/page/{id.Length % 5}\",\"device\":\"desktop\"}}";

    /// <summary>Reads the partition into a fresh store until the last entry, and answers each file's name and content.</summary>
    private static async Task<Dictionary<string, string>> ReadAllAsync(IEventLog log, StreamOptions options, long lastOffset,
        ILateEventLedger ledger)
    {
        var root = Directory.CreateTempSubdirectory("replay-").FullName;
        try
        {
            var store = new LocalObjectStore(root);
            var partition = new LivePartition(0, log, store, SessionRules.Default, "replay-key"u8.ToArray(), options,
                StepSettings.Defaults.Parquet, ledger);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var run = partition.RunAsync(stop.Token);
            while (partition.LastOffset < lastOffset && !run.IsCompleted) await Task.Delay(50);
            await stop.CancelAsync();
            try { await run; } catch (OperationCanceledException) { }
            Assert.Equal(lastOffset, partition.LastOffset);
            var files = new Dictionary<string, string>();
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                // Late files are text: kept whole, so a difference shows what differs; session files by their hash.
                var bytes = await File.ReadAllBytesAsync(file);
                files[Path.GetRelativePath(root, file)] = file.EndsWith(".jsonl", StringComparison.Ordinal)
                    ? Encoding.UTF8.GetString(bytes) : Convert.ToHexString(SHA256.HashData(bytes));
            }
            return files;
        }
        finally { Directory.Delete(root, recursive: true); }
    }
}
