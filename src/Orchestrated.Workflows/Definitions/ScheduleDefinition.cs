namespace Orchestrated.Workflows.Definitions;

/// <summary>
/// When a DAG fires: a cron expression read in <see cref="TimeZone"/>. A fire on local day X processes the data of
/// logical date X − <see cref="LagDays"/> ("daily at 02:00 for the previous day" is <c>0 2 * * *</c> with lag 1).
/// </summary>
public sealed record ScheduleDefinition(string Cron, string TimeZone, int LagDays);
