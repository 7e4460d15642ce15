namespace Orchestrated.Server.Metadata;

// The metadata database's rows. Times are UTC DateTime (SQLite cannot compare DateTimeOffset in queries).

/// <summary>One saved version of a DAG's definition (its JSON); a run records the version it ran.</summary>
public sealed class DagVersionRecord
{
    public required string DagId { get; set; }
    public int Version { get; set; }
    public required string Json { get; set; }
    public required string Source { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? Comment { get; set; }
}
