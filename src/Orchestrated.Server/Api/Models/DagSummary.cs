namespace Orchestrated.Server.Api;

// What the REST API answers and accepts. States are the lower-case names the UI and the CLI show.

public sealed record DagSummary(string DagId, string Description, bool Paused, int Version, string Schedule, string ScheduleText,
    string TimeZone, IReadOnlyList<DateTimeOffset> NextFires, IReadOnlyList<TaskSummary> Tasks, RunSummary? LatestRun);
