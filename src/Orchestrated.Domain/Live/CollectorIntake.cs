using Orchestrated.Domain.Events;
using Orchestrated.Domain.Ingest;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Live;

/// <summary>
/// Checks events posted to the collector by the batch ingest rules, line for line: the same record cutting
/// (<see cref="RawRecordReader"/>, NDJSON or a JSON array, the same record bound) and the same typing
/// (<see cref="RawEventParser"/>, with the future limit of the arrival date they land under). An accepted event is kept
/// as the bytes that were sent — those bytes go to the raw zone and to the stream, so batch and stream see the same
/// event — with its stream partition; a refused one gets the quarantine reason a file would have given it.
/// </summary>
public static class CollectorIntake
{
    /// <summary>At most this many refused lines are listed one by one; the rest are counted.</summary>
    public const int MaxListedRefusals = 1000;

    public static IntakeResult Check(Stream body, DateOnly arrival, int maxRecordBytes, EventPartitioner partitioner)
    {
        var parser = new RawEventParser(UtcMicros.StartOf(arrival.AddDays(2)));
        var parsed = new RawEvent();
        var accepted = new List<AcceptedEvent>();
        var refused = new List<RefusedLine>();
        var refusedCount = 0;
        using var reader = new RawRecordReader(body, maxRecordBytes);
        foreach (var record in reader.Read())
        {
            var outcome = record.Problem is not null
                ? new ParseOutcome(QuarantineReason.MalformedJson, record.Problem)
                : parser.Parse(record.Bytes, parsed);
            if (outcome.IsAccepted)
            {
                accepted.Add(new AcceptedEvent(record.Line, record.Bytes.ToArray(), partitioner.Of(parsed.StudentId!.Value.Span),
                    parsed.TimestampMicros));
                continue;
            }
            refusedCount++;
            if (refused.Count < MaxListedRefusals)
                refused.Add(new RefusedLine(record.Line, outcome.Reason.ToContractName(), outcome.Detail));
        }
        return new IntakeResult(accepted, refused, refusedCount);
    }
}
