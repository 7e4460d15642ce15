using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Metadata;

// The metadata database's rows. Times are UTC DateTime (SQLite cannot compare DateTimeOffset in queries).

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
