using Orchestrated.Workflows.Definitions;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Workflows.Tests.Scheduling;

public class CronScheduleTests
{
    private static readonly CronSchedule DailyAt2 = new(new ScheduleDefinition("0 2 * * *", "UTC", 1));
    private static readonly DateOnly Start = new(2026, 3, 1);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) =>
        new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void A_fire_processes_the_day_before()
    {
        Assert.Equal(new DateOnly(2026, 3, 4), DailyAt2.LogicalDateOf(Utc(3, 5, 2)));
        Assert.Equal(Utc(3, 5, 2), DailyAt2.FireOf(new DateOnly(2026, 3, 4)));
    }

    [Fact]
    public void Nothing_is_due_before_the_first_fire()
    {
        // The start date's data is complete at 2026-03-02 02:00.
        Assert.Empty(DailyAt2.DueLogicalDates(Start, null, Utc(3, 2, 1, 59), catchup: true));
        Assert.Equal([Start], DailyAt2.DueLogicalDates(Start, null, Utc(3, 2, 2), catchup: true));
    }

    [Fact]
    public void Catchup_creates_one_date_per_missed_interval()
    {
        var due = DailyAt2.DueLogicalDates(Start, null, Utc(3, 6, 3), catchup: true);
        Assert.Equal([new(2026, 3, 1), new(2026, 3, 2), new(2026, 3, 3), new(2026, 3, 4), new DateOnly(2026, 3, 5)], due);
    }

    [Fact]
    public void Without_catchup_only_the_latest_interval_runs()
    {
        Assert.Equal([new DateOnly(2026, 3, 5)], DailyAt2.DueLogicalDates(Start, null, Utc(3, 6, 3), catchup: false));
        Assert.Equal([new DateOnly(2026, 3, 5)], DailyAt2.DueLogicalDates(Start, new DateOnly(2026, 3, 2), Utc(3, 6, 3), catchup: false));
    }

    [Fact]
    public void Resuming_from_the_last_scheduled_date_never_repeats_it()
    {
        var last = new DateOnly(2026, 3, 3);
        Assert.Equal([new DateOnly(2026, 3, 4)], DailyAt2.DueLogicalDates(Start, last, Utc(3, 5, 2), catchup: true));
        Assert.Empty(DailyAt2.DueLogicalDates(Start, new DateOnly(2026, 3, 4), Utc(3, 5, 23), catchup: true));
    }

    [Fact]
    public void A_time_zone_with_daylight_saving_fires_once_per_day_through_both_changes()
    {
        // Europe/Paris: 2026-03-29 skips 02:00-03:00; 2026-10-25 repeats 02:00-03:00. A 02:30 cron fires once each day.
        var paris = new CronSchedule(new ScheduleDefinition("30 2 * * *", "Europe/Paris", 1));
        var due =
            paris.DueLogicalDates(new DateOnly(2026, 3, 26), null, new DateTimeOffset(2026, 3, 31, 12, 0, 0, TimeSpan.Zero), catchup: true);
        Assert.Equal([new(2026, 3, 26), new(2026, 3, 27), new(2026, 3, 28), new(2026, 3, 29), new DateOnly(2026, 3, 30)], due);
        var autumn = paris.DueLogicalDates(new DateOnly(2026, 10, 23), null, new DateTimeOffset(2026, 10, 27, 12, 0, 0, TimeSpan.Zero),
            catchup: true);
        Assert.Equal([new(2026, 10, 23), new(2026, 10, 24), new(2026, 10, 25), new DateOnly(2026, 10, 26)], autumn);
    }

    [Fact]
    public void Fires_are_read_in_the_schedule_time_zone()
    {
        var paris = new CronSchedule(new ScheduleDefinition("0 2 * * *", "Europe/Paris", 1));
        // 02:00 in Paris in winter is 01:00 UTC.
        Assert.Equal(Utc(1, 16, 1), paris.NextFire(Utc(1, 15, 12)));
        Assert.Equal(new DateOnly(2026, 1, 15), paris.LogicalDateOf(Utc(1, 16, 1)));
    }

    [Fact]
    public void Next_fires_lists_in_order()
    {
        var fires = DailyAt2.NextFires(Utc(3, 5, 12), 3).ToList();
        Assert.Equal([Utc(3, 6, 2), Utc(3, 7, 2), Utc(3, 8, 2)], fires);
    }
}
