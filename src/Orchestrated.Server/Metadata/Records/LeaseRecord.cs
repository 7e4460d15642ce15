namespace Orchestrated.Server.Metadata;

// The metadata database's rows. Times are UTC DateTime (SQLite cannot compare DateTimeOffset in queries).

/// <summary>A lease: the scheduler runs where the lease's holder is, and only there.</summary>
public sealed class LeaseRecord
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTime ExpiresAt { get; set; }
}
