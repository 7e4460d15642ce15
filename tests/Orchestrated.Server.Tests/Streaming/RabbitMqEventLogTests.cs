using System.Text;
using Orchestrated.Execution.Messaging;
using Orchestrated.Execution.Streaming;
using Orchestrated.Testing;

namespace Orchestrated.Server.Tests.Streaming;

/// <summary>The event log on real RabbitMQ stream queues: confirmed appends, per-partition order, reads from an offset.</summary>
public sealed class RabbitMqEventLogTests
{
    [Fact]
    public async Task Entries_come_back_per_partition_in_order_from_any_offset()
    {
        var rabbit = await TestServices.RabbitMqAsync();
        var options = new StreamOptions { Partitions = 2, QueuePrefix = $"test.events.{Guid.NewGuid():N}" };
        await using var log = new RabbitMqEventLog(
            new BrokerOptions { Host = rabbit.Host, Port = rabbit.Port, Username = rabbit.Username, Password = rabbit.Password }, options);
        for (var i = 0; i < 5; i++)
            await log.AppendAsync([Entry(0, $"p0-{i}"), Entry(1, $"p1-{i}")], CancellationToken.None);

        Assert.Equal(["p0-0", "p0-1", "p0-2", "p0-3", "p0-4"], await ReadAsync(log, 0, 0, 5));
        var fromTwo = await ReadWithOffsetsAsync(log, 1, 2, 3);
        Assert.Equal(["p1-2", "p1-3", "p1-4"], fromTwo.Select(e => e.Text));
        Assert.Equal([2L, 3L, 4L], fromTwo.Select(e => e.Offset));
    }

    private static EventLogEntry Entry(int partition, string text) =>
        new(partition, Encoding.UTF8.GetBytes(text), 1, $"raw/{text}.jsonl", 1_772_445_600_000_000);

    private static async Task<List<string>> ReadAsync(IEventLog log, int partition, long from, int count) =>
        (await ReadWithOffsetsAsync(log, partition, from, count)).Select(e => e.Text).ToList();

    private static async Task<List<(long Offset, string Text)>> ReadWithOffsetsAsync(IEventLog log, int partition, long from, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var read = new List<(long, string)>();
        await foreach (var (offset, entry) in log.ReadAsync(partition, from, timeout.Token))
        {
            Assert.Equal($"raw/{Encoding.UTF8.GetString(entry.Events)}.jsonl", entry.RawFile);
            read.Add((offset, Encoding.UTF8.GetString(entry.Events)));
            if (read.Count == count) break;
        }
        return read;
    }
}
