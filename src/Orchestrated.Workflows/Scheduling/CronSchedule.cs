using Cronos;
using Orchestrated.Workflows.Definitions;

namespace Orchestrated.Workflows.Scheduling;

/// <summary>
/// A DAG's schedule as fire times and logical dates. Cronos handles time zones and daylight-saving changes (a fire
/// in a skipped hour happens once, at the shift; a repeated hour fires once), so a cron never fires twice for one day.
/// </summary>
public sealed class CronSchedule
{
    private readonly CronExpression _cron;
    private readonly TimeZoneInfo _zone;
    private readonly int _lagDays;

    public CronSchedule(ScheduleDefinition definition)
    {
        _cron = CronExpression.Parse(definition.Cron);
        _zone = TimeZoneInfo.FindSystemTimeZoneById(definition.TimeZone);
        _lagDays = definition.LagDays;
    }

    public TimeZoneInfo Zone => _zone;

    /// <summary>The first fire strictly after <paramref name="after"/>.</summary>
    public DateTimeOffset? NextFire(DateTimeOffset after) =>
        _cron.GetNextOccurrence(after.UtcDateTime, _zone) is { } next ? new DateTimeOffset(next, TimeSpan.Zero) : null;

    public IEnumerable<DateTimeOffset> NextFires(DateTimeOffset after, int count)
    {
        var at = after;
        for (var i = 0; i < count && NextFire(at) is { } next; i++)
        {
            yield return next;
            at = next;
        }
    }

    /// <summary>The logical date a fire processes: its local day minus the lag.</summary>
    public DateOnly LogicalDateOf(DateTimeOffset fire) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fire, _zone).DateTime).AddDays(-_lagDays);

    /// <summary>The fire that processes <paramref name="logicalDate"/>, if the cron fires on that local day.</summary>
    public DateTimeOffset? FireOf(DateOnly logicalDate)
    {
        var day = logicalDate.AddDays(_lagDays);
        var dayStart = StartOfLocalDay(day);
        var fire = NextFire(dayStart.AddTicks(-1));
        return fire is { } f && DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(f, _zone).DateTime) == day ? f : null;
    }

    /// <summary>00:00 of a local day, as an instant (the first valid instant of the day when midnight is skipped).</summary>
    public DateTimeOffset StartOfLocalDay(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (_zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>
    /// The logical dates whose fire time is in (<paramref name="after"/>, <paramref name="now"/>], not before the DAG's
    /// start date, in order. Without catchup only the latest is kept: missed intervals are skipped, not run late.
    /// </summary>
    public IReadOnlyList<DateOnly> DueLogicalDates(DateOnly startDate, DateOnly? lastScheduled, DateTimeOffset now, bool catchup,
        int limit = 1000)
    {
        var from = lastScheduled is { } last
            ? FireOf(last) ?? StartOfLocalDay(last.AddDays(_lagDays))
            : StartOfLocalDay(startDate.AddDays(_lagDays)).AddTicks(-1);
        var dates = new List<DateOnly>();
        var at = from;
        while (NextFire(at) is { } fire && fire <= now)
        {
            var date = LogicalDateOf(fire);
            if (date >= startDate && (lastScheduled is null || date > lastScheduled)) dates.Add(date);
            at = fire;
            if (catchup && dates.Count >= limit) break;
        }
        return catchup || dates.Count == 0 ? dates : [dates[^1]];
    }
}
