using Orchestrated.Domain.Time;
using Orchestrated.Execution.Streaming;
using Orchestrated.Server.Scheduling;
using Orchestrated.Server.Streaming;

namespace Orchestrated.Server.Api;

public static class LiveEndpoints
{
    public static void MapLiveEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/live", LiveAsync).WithTags("Events").WithName("GetLive")
            .WithSummary("The stream sessionizer: per partition watermark, lag, open sessions, late events (here and elsewhere); " +
                "latest sessions.")
            .Produces<LiveView>(StatusCodes.Status200OK);
    }

    private static async Task<IResult> LiveAsync(IServiceProvider services, IEventLog log, StreamOptions options,
        StreamPartitionReports reports, TimeProvider clock, CancellationToken ct)
    {
        var service = services.GetService<StreamSessionsService>();
        var holder = services.GetService<LeaderLease>()?.Holder ?? "";
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var now = UtcMicros.FromDateTime(nowUtc);
        var partitions = service?.Running.Values.OrderBy(p => p.Partition).ToList() ?? [];
        var owned = partitions.Select(p => View(p.Partition, p.Watermark, p.StreamTime, now, p.OpenSessions, p.Held, p.LateEvents,
            p.SessionsClosed, p.LastOffset, p.EventsRead, p.ResumedFrom, holder, null)).ToList();
        // What others own, as they last reported: a report older than three leases is of an owner gone.
        var others = await reports.ReadAsync(partitions.Select(p => p.Partition).ToHashSet(), nowUtc - 3 * options.LeaseDuration, ct);
        var elsewhere = others.Select(o => View(o.Report.Partition, o.Report.Watermark, o.Report.StreamTime, now, o.Report.OpenSessions,
            o.Report.HeldEvents, o.Report.LateEvents, o.Report.SessionsClosed, o.Report.LastOffset, o.Report.EventsRead,
            o.Report.ResumedFrom, o.Report.Holder, o.Report.ReportedAt)).ToList();
        var recent = partitions.SelectMany(p => p.Recent).Concat(others.SelectMany(o => o.Recent))
            .OrderByDescending(r => r.SessionEnd).Take(LivePartition.RecentKept).ToList();
        return Results.Ok(new LiveView(service is not null, log.Partitions, owned, elsewhere, recent));
    }

    private static LivePartitionView View(int partition, long watermark, long streamTime, long now, int open, int held, long late,
        long closed, long lastOffset, long eventsRead, long resumedFrom, string holder, DateTime? reportedAt) =>
        new(partition, Time(watermark), Time(streamTime),
            streamTime == long.MinValue ? null : (now - streamTime) / (double)UtcMicros.PerSecond, open, held, late, closed,
            lastOffset, eventsRead, resumedFrom, holder, reportedAt);

    private static DateTime? Time(long micros) => micros is long.MinValue or long.MaxValue ? null : UtcMicros.ToDateTime(micros);
}
