namespace Orchestrated.Workflows.Scheduling;

public enum BackfillAction { Run, Skip }
