using Orchestrated.Workflows.Definitions;

namespace Orchestrated.Workflows.Scheduling;

/// <summary>The SLA on data: when the final output of a logical date must be committed, and when it must be final.</summary>
public static class DataDeadline
{
    public static TimeSpan? OffsetOf(DagDefinition dag, DeadlineKind kind) =>
        kind == DeadlineKind.Final ? dag.FinalDeadline : dag.DataDeadline;

    public static DateTimeOffset? Of(DagDefinition dag, CronSchedule schedule, DateOnly logicalDate,
        DeadlineKind kind = DeadlineKind.Committed) =>
        OffsetOf(dag, kind) is { } offset ? schedule.StartOfLocalDay(logicalDate) + offset : null;

    /// <summary>
    /// Logical dates from the start date whose deadline has passed by <paramref name="now"/>, newest first, at most
    /// <paramref name="limit"/>: the dates an SLA check must look at, whether or not a run exists for them.
    /// </summary>
    public static IReadOnlyList<DateOnly> PassedBy(DagDefinition dag, CronSchedule schedule, DateTimeOffset now, int limit,
        DeadlineKind kind = DeadlineKind.Committed)
    {
        if (OffsetOf(dag, kind) is not { } offset) return [];
        var dates = new List<DateOnly>();
        var latest = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now - offset, schedule.Zone).DateTime);
        for (var date = latest; date >= dag.StartDate && dates.Count < limit; date = date.AddDays(-1))
            if (schedule.StartOfLocalDay(date) + offset <= now) dates.Add(date);
        return dates;
    }
}
