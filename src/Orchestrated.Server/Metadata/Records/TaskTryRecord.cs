using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Metadata;

// The metadata database's rows. Times are UTC DateTime (SQLite cannot compare DateTimeOffset in queries).

public sealed class TaskTryRecord
{
    public Guid Id { get; set; }
    public long TaskInstanceId { get; set; }
    public long RunId { get; set; }
    public int Number { get; set; }
    public TryKind Kind { get; set; }
    public TaskState State { get; set; }
    public string? Worker { get; set; }
    public DateTime QueuedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? LastHeartbeatAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public double? Progress { get; set; }
    public string? Error { get; set; }
    public string? ErrorType { get; set; }
    /// <summary>The step's report (counts, files, data quality) as JSON.</summary>
    public string? ReportJson { get; set; }
    public string? DataQualityJson { get; set; }
    public string? Log { get; set; }
    /// <summary>Each time a worker ran this try (JSON list of <c>TryExecution</c>): two when the broker redelivered it.</summary>
    public string? ExecutionsJson { get; set; }
    /// <summary>
    /// Bumped on every change: a report that read the try before the watchdog failed it (a heartbeat that left
    /// the worker just before) must not write it back to running.
    /// </summary>
    public int Revision { get; set; }
}
