namespace Orchestrated.Server.Metadata;

// The metadata database's rows. Times are UTC DateTime (SQLite cannot compare DateTimeOffset in queries).

/// <summary>A DAG known to the server: whether it is paused and which version of its definition is current.</summary>
public sealed class DagRecord
{
    public required string DagId { get; set; }
    public bool Paused { get; set; }
    public int CurrentVersion { get; set; }
    /// <summary>The logical date of the latest scheduled run created: where the cron resumes.</summary>
    public DateOnly? LastScheduledDate { get; set; }
}
