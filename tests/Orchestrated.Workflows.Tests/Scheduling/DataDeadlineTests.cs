using Orchestrated.Workflows.Definitions;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Workflows.Tests.Scheduling;

public class DataDeadlineTests
{
    private static DagDefinition Dag(string zone) => new()
    {
        Id = "d", Schedule = new ScheduleDefinition("0 2 * * *", zone, 1), StartDate = new DateOnly(2026, 3, 1),
        DataDeadline = TimeSpan.FromHours(30),
        Tasks = [new TaskDefinition("t", "aggregate", [], new Dictionary<string, string>(), new TaskSettings())],
    };

    [Fact]
    public void The_deadline_is_the_next_day_at_six_in_the_dag_time_zone()
    {
        var dag = Dag("Europe/Paris");
        var schedule = new CronSchedule(dag.Schedule);
        // 2026-03-05 06:00 in Paris (UTC+1 in March before the change) is 05:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 5, 0, 0, TimeSpan.Zero), DataDeadline.Of(dag, schedule, new DateOnly(2026, 3, 4)));
    }

    [Fact]
    public void Passed_deadlines_are_listed_newest_first_from_the_start_date()
    {
        var dag = Dag("UTC");
        var schedule = new CronSchedule(dag.Schedule);
        var now = new DateTimeOffset(2026, 3, 4, 6, 0, 0, TimeSpan.Zero);
        Assert.Equal([new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 1)],
            DataDeadline.PassedBy(dag, schedule, now, limit: 10));
        Assert.Equal([new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 1)],
            DataDeadline.PassedBy(dag, schedule, now.AddTicks(-1), limit: 10));
        Assert.Single(DataDeadline.PassedBy(dag, schedule, now, limit: 1));
    }

    [Fact]
    public void Without_a_deadline_nothing_is_due()
    {
        var dag = Dag("UTC") with { DataDeadline = null };
        Assert.Empty(DataDeadline.PassedBy(dag, new CronSchedule(dag.Schedule), DateTimeOffset.MaxValue.AddDays(-2), 10));
    }
}
