namespace Orchestrated.Server.Metadata;

// The metadata database's rows. Times are UTC DateTime (SQLite cannot compare DateTimeOffset in queries).

/// <summary>
/// The partition ledger: what a dataset's partition for a date was built from. Stale when an input it read has since
/// been rewritten with another version.
/// </summary>
public sealed class PartitionRecord
{
    public required string Dataset { get; set; }
    public DateOnly Date { get; set; }
    public required string ObjectKey { get; set; }
    public required string ObjectVersion { get; set; }
    public long Size { get; set; }
    public required string DagId { get; set; }
    public required string TaskId { get; set; }
    public Guid TryId { get; set; }
    public long RunId { get; set; }
    /// <summary>SHA-256 over the sorted (key, version, size) of every input.</summary>
    public required string InputFingerprint { get; set; }
    public required string InputsJson { get; set; }
    /// <summary>For a partition keyed by arrival (bronze): the event dates it holds, comma-separated; their readers depend on it.</summary>
    public string? ContentDates { get; set; }
    public long RowsWritten { get; set; }
    public bool QualityPassed { get; set; }
    public DateTime WrittenAt { get; set; }
}
