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

    public string QueueOf(int partition) => $"{QueuePrefix}.{partition}";
}
