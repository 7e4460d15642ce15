namespace Orchestrated.Server.Metadata;

// The metadata database's rows. Times are UTC DateTime (SQLite cannot compare DateTimeOffset in queries).

public sealed class BackfillRecord
{
    public long Id { get; set; }
    public required string DagId { get; set; }
    public DateOnly FromDate { get; set; }
    public DateOnly ToDate { get; set; }
    public Orchestrated.Workflows.Scheduling.ReprocessMode Reprocess { get; set; }
    public int MaxConcurrentRuns { get; set; }
    public BackfillState State { get; set; }
    public string ParamsJson { get; set; } = "{}";
    public DateTime CreatedAt { get; set; }
    public DateTime? EndedAt { get; set; }
}
