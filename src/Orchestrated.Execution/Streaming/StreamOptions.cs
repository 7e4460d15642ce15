using System.ComponentModel.DataAnnotations;
using Orchestrated.Domain.Live;

namespace Orchestrated.Execution.Streaming;

/// <summary>The event stream (section <c>Orchestrated:Stream</c>): how many partitions, and their queues' names.</summary>
public sealed class StreamOptions
{
    public const string Section = "Orchestrated:Stream";

    /// <summary>Partitions of the event stream; one student's events always go to the same one. Fixed once events exist.</summary>
    [Range(1, EventPartitioner.MaxPartitions)]
    public int Partitions { get; set; } = 4;

    /// <summary>The RabbitMQ stream queues are <c>{QueuePrefix}.{partition}</c>.</summary>
    [Required]
    public string QueuePrefix { get; set; } = "orchestrated.events";

    /// <summary>How far behind the latest event time an event may arrive and still be placed in order.</summary>
    public TimeSpan AllowedLateness { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>An event stamped further ahead of the clock than this never moves the watermark.</summary>
    public TimeSpan FutureLimit { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>After this long without events, a partition's watermark follows the clock.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often each partition gets a tick (the stream's clock moving on) while the server runs.</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Closed sessions are written at least this often (or every <see cref="MicroBatchSessions"/>).</summary>
    public TimeSpan MicroBatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 1_000_000)]
    public int MicroBatchSessions { get; set; } = 10_000;

    /// <summary>
    /// Run the stream sessionizer in this process, on the partitions it holds leases for (the embedded default holds
    /// them all; distributed, the stream workers and servers that host it share them).
    /// </summary>
    public bool HostSessionizer { get; set; } = true;

    /// <summary>How long a partition's lease lasts without renewal: a dead owner's partitions move after about this long.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often (in stream time, at a micro-batch's end) a partition writes a checkpoint of its state; a new owner
    /// resumes from the last one instead of reading the stream from its start.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(30);

    public string QueueOf(int partition) => $"{QueuePrefix}.{partition}";

    /// <summary>Where a partition's checkpoint lives: one object, replaced whole (atomically) at each checkpoint.</summary>
    public string CheckpointOf(int partition) => $"checkpoints/stream/{QueuePrefix}/p{partition:D3}.checkpoint";

    public Domain.Live.LiveOptions Live() =>
        new() { AllowedLateness = AllowedLateness, FutureLimit = FutureLimit, IdleTimeout = IdleTimeout };
}
