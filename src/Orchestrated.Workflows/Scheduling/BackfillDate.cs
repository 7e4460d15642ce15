namespace Orchestrated.Workflows.Scheduling;

public sealed record BackfillDate(DateOnly Date, BackfillAction Action, string Reason);
