namespace Orchestrated.Server.Metadata;

/// <summary>
/// Late events the stream wrote to one file, by the arrival (raw zone date) they came in: what makes the partitions
/// of <see cref="Date"/> and of the arrival stale (<see cref="Workflows.Partitions.LateStreamEvents"/>).
/// </summary>
public sealed class LateEventRecord
{
    public required string FileKey { get; set; }
    public DateOnly Arrival { get; set; }
    public DateOnly Date { get; set; }
    public long Events { get; set; }
    /// <summary>When the file was first recorded: a second reading of the stream does not move it.</summary>
    public DateTime RecordedAt { get; set; }
}
