using Orchestrated.Workflows.Runs;

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

public sealed class DagRunRecord
{
    public long Id { get; set; }
    public required string DagId { get; set; }
    /// <summary>Unique per DAG: <c>scheduled__2026-03-02</c> cannot be created twice, so a cron never fires twice.</summary>
    public required string RunKey { get; set; }
    public DateOnly LogicalDate { get; set; }
    public DateTime DataIntervalStart { get; set; }
    public DateTime DataIntervalEnd { get; set; }
    public RunKind Kind { get; set; }
    public RunState State { get; set; }
    public int DagVersion { get; set; }
    /// <summary>Param overrides per task, as JSON: { "task_id": { "param": "value" } }.</summary>
    public string ParamsJson { get; set; } = "{}";
    public long? BackfillId { get; set; }
    /// <summary>
    /// The tasks a re-run runs, comma-separated (a stale partition's task and those below it); the others start as
    /// skipped. Null: every task.
    /// </summary>
    public string? SelectedTasks { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public string? Note { get; set; }
    /// <summary>Optimistic concurrency: the scheduler, the API and report consumers may touch a run at once.</summary>
    public int Revision { get; set; }
}

public sealed class TaskInstanceRecord
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public required string DagId { get; set; }
    public required string TaskId { get; set; }
    public DateOnly LogicalDate { get; set; }
    public TaskState State { get; set; }
    /// <summary>Failed tries counted against the task's retries (reset when the task is cleared).</summary>
    public int FailedTries { get; set; }
    /// <summary>Tries lost to the infrastructure (dead worker, lost dispatch, handed back), counted apart.</summary>
    public int InfrastructureRetries { get; set; }
    public int TryCount { get; set; }
    /// <summary>The fencing token: only this try's reports may change the task.</summary>
    public Guid? CurrentTryId { get; set; }
    public DateTime? RetryAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    public bool SlaMissed { get; set; }
    /// <summary>While <see cref="TaskState.Waiting"/>: the partitions of other dates it waits for, and the runs writing them.</summary>
    public string? WaitingFor { get; set; }
    /// <summary>Optimistic concurrency: a stale report and a re-dispatch must not both win.</summary>
    public int Revision { get; set; }
}

public enum TryKind { First, Retry, Infrastructure, Cleared }

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
}

public enum BackfillState { Running, Completed, Cancelled }

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

public enum AlertKind { SlaMiss, TaskSlaMiss, TaskFailed, FinalSlaMiss }

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

/// <summary>A lease: the scheduler runs where the lease's holder is, and only there.</summary>
public sealed class LeaseRecord
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTime ExpiresAt { get; set; }
}
