using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Time;
using Orchestrated.Execution.Streaming;
using Orchestrated.Server.Streaming;

namespace Orchestrated.Server.Api;

public static class LiveEndpoints
{
    public static void MapLiveEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/live", Live).WithTags("Events").WithName("GetLive")
            .WithSummary("The stream sessionizer here: per owned partition watermark, lag, open sessions, late events; latest sessions.")
            .Produces<LiveView>(StatusCodes.Status200OK);
    }

    private static IResult Live(IServiceProvider services, IEventLog log, TimeProvider clock)
    {
        var service = services.GetService<StreamSessionsService>();
        if (service is null) return Results.Ok(new LiveView(false, log.Partitions, [], []));
        var now = UtcMicros.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var partitions = service.Running.Values.OrderBy(p => p.Partition).ToList();
        var owned = partitions.Select(p => new LivePartitionView(p.Partition, Time(p.Watermark), Time(p.StreamTime),
            p.StreamTime == long.MinValue ? null : (now - p.StreamTime) / (double)UtcMicros.PerSecond, p.OpenSessions, p.Held,
            p.LateEvents, p.SessionsClosed, p.LastOffset, p.EventsRead, p.ResumedFrom)).ToList();
        var recent = partitions.SelectMany(p => p.Recent).OrderByDescending(r => r.SessionEnd).Take(LivePartition.RecentKept).ToList();
        return Results.Ok(new LiveView(true, log.Partitions, owned, recent));
    }

    private static DateTime? Time(long micros) => micros is long.MinValue or long.MaxValue ? null : UtcMicros.ToDateTime(micros);
}
