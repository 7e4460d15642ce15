using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Metadata;

// The metadata database's rows. Times are UTC DateTime (SQLite cannot compare DateTimeOffset in queries).

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
