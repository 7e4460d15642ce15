using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Orchestrated.Execution.Messaging;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Orchestrated.Execution.Streaming;

/// <summary>
/// The event log on RabbitMQ stream queues (<c>x-queue-type=stream</c>) over AMQP 0-9-1, one queue per partition.
/// An append is published with publisher confirms and returns once the broker has it. The broker keeps no offset
/// for AMQP 0-9-1 consumers, so a reader says where to start (<c>x-stream-offset</c>) and its owner stores where it
/// got to. A connection that fails is dropped and made again on the next call.
/// </summary>
public sealed class RabbitMqEventLog(BrokerOptions broker, StreamOptions stream) : IEventLog, IAsyncDisposable
{
    private const ushort Prefetch = 64;
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private IConnection? _connection;
    private IChannel? _publisher;
    private readonly HashSet<int> _declared = [];

    public int Partitions => stream.Partitions;

    public bool Durable => true;

    public async Task AppendAsync(IReadOnlyList<EventLogEntry> entries, CancellationToken ct)
    {
        await _publishing.WaitAsync(ct);
        try
        {
            try
            {
                await PublishAsync(entries, ct);
            }
            catch (Exception e) when (e is RabbitMQ.Client.Exceptions.AlreadyClosedException or
                                          RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException)
            {
                await DropAsync();
                await PublishAsync(entries, ct); // once more on a new connection; a second failure goes to the caller
            }
        }
        finally { _publishing.Release(); }
    }

    private async Task PublishAsync(IReadOnlyList<EventLogEntry> entries, CancellationToken ct)
    {
        var channel = await PublisherAsync(ct);
        foreach (var entry in entries)
        {
            await DeclareAsync(channel, entry.Partition, ct);
            var properties = new BasicProperties
            {
                DeliveryMode = DeliveryModes.Persistent,
                ContentType = "application/x-ndjson",
                Headers = new Dictionary<string, object?>
                {
                    ["raw-file"] = entry.RawFile, ["count"] = entry.Count, ["appended-at"] = entry.AppendedAtMicros,
                },
            };
            // With confirmation tracking on, this returns when the broker confirms, and throws when it refuses.
            await channel.BasicPublishAsync("", stream.QueueOf(entry.Partition), mandatory: true, properties, entry.Events, ct);
        }
    }

    public async IAsyncEnumerable<(long Offset, EventLogEntry Entry)> ReadAsync(int partition, long fromOffset,
        [EnumeratorCancellation] CancellationToken ct)
    {
        // Each reading has a connection of its own: a publisher's broken connection, dropped and made again, must not
        // take the readings with it.
        await using var connection = await Factory("orchestrated-event-log-reader").CreateConnectionAsync(ct);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        await DeclareAsync(channel, partition, ct);
        await channel.BasicQosAsync(0, Prefetch, global: false, ct);
        var received = Channel.CreateBounded<(long, EventLogEntry)>(Prefetch);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            // The body is only valid inside this handler: copy it out.
            var offset = delivery.BasicProperties.Headers?["x-stream-offset"] is long o ? o : -1;
            var headers = delivery.BasicProperties.Headers;
            var rawFile = headers?["raw-file"] is byte[] name ? System.Text.Encoding.UTF8.GetString(name) : "";
            var count = headers?["count"] is int n ? n : 0;
            var at = headers?["appended-at"] is long t ? t : 0;
            await received.Writer.WriteAsync((offset, new EventLogEntry(partition, delivery.Body.ToArray(), count, rawFile, at)), ct);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, ct);
        };
        // A broker that goes away closes the channel: end the reading with an error, so its owner reads again.
        channel.ChannelShutdownAsync += (_, reason) =>
        {
            received.Writer.TryComplete(new IOException($"the stream queue {stream.QueueOf(partition)} closed: {reason.ReplyText}"));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(stream.QueueOf(partition), autoAck: false, consumerTag: "", noLocal: false, exclusive: false,
            arguments: new Dictionary<string, object?> { ["x-stream-offset"] = fromOffset }, consumer, ct);
        await foreach (var item in received.Reader.ReadAllAsync(ct)) yield return item;
    }

    private async Task DeclareAsync(IChannel channel, int partition, CancellationToken ct)
    {
        if (_declared.Contains(partition) && channel == _publisher) return;
        await channel.QueueDeclareAsync(stream.QueueOf(partition), durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-queue-type"] = "stream" }, cancellationToken: ct);
        if (channel == _publisher) _declared.Add(partition);
    }

    private async Task<IChannel> PublisherAsync(CancellationToken ct)
    {
        if (_publisher is { IsOpen: true }) return _publisher;
        var connection = await ConnectionAsync(ct);
        _declared.Clear();
        return _publisher = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), ct);
    }

    private async Task<IConnection> ConnectionAsync(CancellationToken ct)
    {
        if (_connection is { IsOpen: true }) return _connection;
        return _connection = await Factory("orchestrated-event-log").CreateConnectionAsync(ct);
    }

    /// <summary>
    /// No automatic recovery: a recovered consumer would subscribe again at the offset it first asked for and deliver
    /// old entries a second time, unnoticed. A broken connection ends the reading instead, and its owner reads again.
    /// </summary>
    private ConnectionFactory Factory(string name) => new()
    {
        HostName = broker.Host, Port = broker.Port, VirtualHost = broker.VirtualHost, UserName = broker.Username,
        Password = broker.Password, ClientProvidedName = name, AutomaticRecoveryEnabled = false, TopologyRecoveryEnabled = false,
    };

    private async Task DropAsync()
    {
        try { if (_publisher is not null) await _publisher.DisposeAsync(); } catch (Exception) { /* already broken */ }
        try { if (_connection is not null) await _connection.DisposeAsync(); } catch (Exception) { /* already broken */ }
        (_publisher, _connection) = (null, null);
    }

    public async ValueTask DisposeAsync()
    {
        await DropAsync();
        _publishing.Dispose();
    }
}
