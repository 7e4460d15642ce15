namespace Orchestrated.Server.Metadata;

// The metadata database's rows. Times are UTC DateTime (SQLite cannot compare DateTimeOffset in queries).

public sealed class AlertRecord
{
    public long Id { get; set; }
    /// <summary>Unique: two replicas (or two checks) raising the same alert store it once.</summary>
    public required string DedupeKey { get; set; }
    public AlertKind Kind { get; set; }
    public required string DagId { get; set; }
    public DateOnly? LogicalDate { get; set; }
    public string? TaskId { get; set; }
    public long? RunId { get; set; }
    public required string Message { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public int DeliveryAttempts { get; set; }
    public string? DeliveryError { get; set; }
}
