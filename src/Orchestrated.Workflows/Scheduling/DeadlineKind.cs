namespace Orchestrated.Workflows.Scheduling;

/// <summary>Which of a DAG's data SLAs: the final output committed (<c>data_deadline</c>), or final (<c>final_deadline</c>).</summary>
public enum DeadlineKind { Committed, Final }
