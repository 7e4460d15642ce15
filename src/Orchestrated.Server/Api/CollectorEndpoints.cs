using System.Globalization;
using Orchestrated.Domain.Live;
using Orchestrated.Domain.Time;
using Orchestrated.Execution.Streaming;
using Orchestrated.Execution.Telemetry;
using Orchestrated.Pipeline;
using Orchestrated.Server.Security;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Server.Api;

/// <summary>
/// The collector: a learning platform posts events (NDJSON, or a JSON array) as they happen. Each line is checked by
/// the batch ingest rules; the accepted ones are written to the raw zone first (so the nightly DAG sees exactly what
/// the stream saw) and then appended to the event stream, partitioned by student. A post answers once both hold.
/// A client that retries a post it got no answer for sends the events twice: duplicates by event id are what the
/// cleaning step removes, in batch and in the stream alike.
/// </summary>
public static class CollectorEndpoints
{
    public static void MapCollectorEndpoints(this RouteGroupBuilder api, CollectorOptions options)
    {
        api.MapPost("/events", CollectAsync).WithTags("Events").WithName("PostEvents")
            .WithSummary("Post events (NDJSON or a JSON array): checked line by line, landed in the raw zone and streamed.")
            .Accepts<string>("application/x-ndjson", "application/json")
            .Produces<CollectorAnswer>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithMetadata(new BodyLimit(options.MaxBodyMegabytes * 1024L * 1024));
    }

    private static async Task<IResult> CollectAsync(HttpRequest request, IObjectStore store, IEventLog log, PipelineSettings settings,
        TimeProvider clock, ILoggerFactory loggers, CancellationToken ct)
    {
        // The record reader reads synchronously; the body (bounded by the endpoint's limit) is taken in first.
        using var body = new MemoryStream(request.ContentLength is > 0 and < int.MaxValue ? (int)request.ContentLength.Value : 0);
        await request.Body.CopyToAsync(body, ct);
        body.Position = 0;
        var now = clock.GetUtcNow();
        var arrival = DateOnly.FromDateTime(now.UtcDateTime);
        var intake = CollectorIntake.Check(body, arrival, settings.Steps.MaxRecordBytes, new EventPartitioner(log.Partitions));
        foreach (var reason in intake.Refused.GroupBy(r => r.Reason))
            OrchestratedTelemetry.EventsRefused.Add(reason.Count(), new KeyValuePair<string, object?>("reason", reason.Key));
        if (intake.Accepted.Count == 0) return Results.Ok(new CollectorAnswer(0, intake.RefusedCount, intake.Refused, null));

        // Named by arrival time, so a date's files sort in the order they came (the batch dedup keeps the first seen).
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfffffff", CultureInfo.InvariantCulture);
        var key = $"{Dataset.Raw.PartitionPrefix(arrival)}collector-{stamp}-{Guid.NewGuid():N}.jsonl";
        await store.WriteAsync(key, async (stream, token) =>
        {
            foreach (var e in intake.Accepted)
            {
                await stream.WriteAsync(e.Bytes, token);
                stream.WriteByte((byte)'\n');
            }
        }, ct);
        var appended = UtcMicros.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var entries = intake.Accepted.GroupBy(e => e.Partition).OrderBy(g => g.Key)
            .Select(g => new EventLogEntry(g.Key, Ndjson(g), g.Count(), key, appended)).ToList();
        try
        {
            await log.AppendAsync(entries, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            loggers.CreateLogger("Orchestrated.Collector")
                .LogWarning(e, "events of {RawFile} are in the raw zone but not in the stream", key);
            return Results.Problem(title: "The event stream is unavailable; the events are in the raw zone. Post again later " +
                "(the nightly run removes the duplicates).", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
        OrchestratedTelemetry.EventsCollected.Add(intake.Accepted.Count);
        return Results.Ok(new CollectorAnswer(intake.Accepted.Count, intake.RefusedCount, intake.Refused, key));
    }

    private static byte[] Ndjson(IEnumerable<AcceptedEvent> events)
    {
        using var buffer = new MemoryStream();
        foreach (var e in events)
        {
            buffer.Write(e.Bytes);
            buffer.WriteByte((byte)'\n');
        }
        return buffer.ToArray();
    }
}
