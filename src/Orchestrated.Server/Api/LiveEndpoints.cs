using Orchestrated.Domain.Time;
using Orchestrated.Execution.Streaming;
using Orchestrated.Server.Metadata;
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
        var owned = partitions.Select(p => View(StreamPartitionReports.Snapshot(holder, p, nowUtc), now, reportedAt: null)).ToList();
        // What others own, as they last reported: a report older than three leases is of an owner gone.
        var others = await reports.ReadAsync(partitions.Select(p => p.Partition).ToHashSet(), nowUtc - 3 * options.LeaseDuration, ct);
        var elsewhere = others.Select(o => View(o.Report, now, o.Report.ReportedAt)).ToList();
        var recent = partitions.SelectMany(p => p.Recent).Concat(others.SelectMany(o => o.Recent))
            .OrderByDescending(r => r.SessionEnd).Take(LivePartition.RecentKept).ToList();
        return Results.Ok(new LiveView(service is not null, log.Partitions, owned, elsewhere, recent));
    }

    private static LivePartitionView View(StreamPartitionRecord r, long now, DateTime? reportedAt) =>
        new(r.Partition, Time(r.Watermark), Time(r.StreamTime),
            r.StreamTime == long.MinValue ? null : (now - r.StreamTime) / (double)UtcMicros.PerSecond, r.OpenSessions, r.HeldEvents,
            r.LateEvents, r.SessionsClosed, r.LastOffset, r.EventsRead, r.ResumedFrom, r.Holder, reportedAt);

    private static DateTime? Time(long micros) => micros is long.MinValue or long.MaxValue ? null : UtcMicros.ToDateTime(micros);
}
