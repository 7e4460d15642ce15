namespace Orchestrated.Server.Scheduling;

/// <summary>How a failed try was lost: by the task itself, or by the infrastructure under it.</summary>
public enum FailureCause { Task, TaskNotRetryable, Infrastructure }
