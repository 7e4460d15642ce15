namespace Orchestrated.Execution.Streaming;

/// <summary>
/// The partitioned, append-only log the collector writes and the stream sessionizer reads: one batch of a post's
/// events of one partition is one entry, in order, at an offset that never changes. RabbitMQ stream queues in the
/// distributed topology, an in-process log in the embedded default.
/// </summary>
public interface IEventLog
{
    int Partitions { get; }

    /// <summary>
    /// Whether the log outlives this process. Checkpoints are kept only for one that does: offsets of a log made
    /// afresh at each start (the in-process one) would point a checkpoint of the last process at the wrong entries.
    /// </summary>
    bool Durable { get; }

    /// <summary>Appends one entry per partition given, durably (confirmed) before it returns.</summary>
    Task AppendAsync(IReadOnlyList<EventLogEntry> entries, CancellationToken ct);

    /// <summary>The entries of a partition from an offset on, as they are appended; waits for more at the end.</summary>
    IAsyncEnumerable<(long Offset, EventLogEntry Entry)> ReadAsync(int partition, long fromOffset, CancellationToken ct);
}
