namespace Orchestrated.Server.Metadata;

/// <summary>
/// A stream partition's state as its owner last reported it (every few seconds): what any process's Live page shows
/// for partitions it does not own itself. Times of the stream are microseconds since the epoch, as the stream keeps them.
/// </summary>
public sealed class StreamPartitionRecord
{
    public int Partition { get; set; }
    public required string Holder { get; set; }
    public long Watermark { get; set; }
    public long StreamTime { get; set; }
    public int OpenSessions { get; set; }
    public int HeldEvents { get; set; }
    public long LateEvents { get; set; }
    public long SessionsClosed { get; set; }
    public long LastOffset { get; set; }
    public long EventsRead { get; set; }
    public long ResumedFrom { get; set; }
    /// <summary>The latest sessions it closed (JSON, at most <c>LivePartition.RecentKept</c>).</summary>
    public required string RecentJson { get; set; }
    public DateTime ReportedAt { get; set; }
}
