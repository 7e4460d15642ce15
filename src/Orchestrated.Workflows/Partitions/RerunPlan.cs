namespace Orchestrated.Workflows.Partitions;

/// <summary>A date to run again, the tasks to run (a stale partition's task and everything below it) and why.</summary>
public sealed record RerunPlan(DateOnly Date, IReadOnlyList<string> Tasks, string Reason);
