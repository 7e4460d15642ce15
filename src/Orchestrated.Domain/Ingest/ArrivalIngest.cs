using System.IO.Compression;
using Orchestrated.Domain.Events;
using Orchestrated.Domain.Quality;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Ingest;

/// <summary>
/// The ingest rules of one arrival date, file by file: cut each file into records (<see cref="RawRecordReader"/>),
/// type each record (<see cref="RawEventParser"/>), and send it to bronze under its event date or to the quarantine
/// with its reason. Nothing is dropped: every record is accepted or quarantined, blank lines only counted, and a
/// gzip file cut short is one more quarantined record. Files are offered in name order, so "first seen" is defined.
/// </summary>
public sealed class ArrivalIngest(DateOnly arrival, IngestLimits limits, IBronzeSink bronze, IQuarantineSink quarantine)
{
    // An event may be stamped up to a day after the end of the day after its arrival (clock skew, time zones).
    private readonly RawEventParser _parser = new(UtcMicros.StartOf(arrival.AddDays(2)));
    private readonly RawEvent _event = new();
    private DateOnly? _lastEventDate;
    private readonly Dictionary<QuarantineReason, long> _quarantined = QuarantineReasons.All.ToDictionary(r => r, _ => 0L);

    public SortedSet<DateOnly> EventDates { get; } = [];
    public long QuarantinedTotal => _quarantined.Values.Sum();
    public long Records { get; private set; }
    public long Accepted { get; private set; }
    public long BlankLines { get; private set; }
    public long EmptyFiles { get; private set; }
    public long UnreadableTails { get; private set; }

    /// <summary>Reads one raw file as stored (gzip when its name says so).</summary>
    public async Task ReadFileAsync(string name, long storedBytes, Stream stored, CancellationToken ct = default)
    {
        if (storedBytes == 0) EmptyFiles++;
        var gzip = RawFileFormat.IsGzip(name);
        var declaredSize = gzip ? GzipTrailer.DeclaredSize(stored) : null;
        await using var content = gzip ? new GZipStream(stored, CompressionMode.Decompress, leaveOpen: true) : null;
        await using var bounded = new BoundedStream(content ?? stored, limits.MaxFileBytes); // counts what it passes on
        using var reader = new RawRecordReader(bounded, limits.MaxRecordBytes);
        long lastLine = 0;
        var unreadable = false;
        foreach (var record in reader.Read())
        {
            ct.ThrowIfCancellationRequested();
            Records++;
            lastLine = record.Line;
            if (record.Problem is not null)
            {
                if (record.Bytes.Length == 0) (unreadable, UnreadableTails) = (true, UnreadableTails + 1);
                await QuarantineAsync(QuarantinedRecord.Of(QuarantineReason.MalformedJson, name, record, record.Problem));
                continue;
            }
            var outcome = _parser.Parse(record.Bytes, _event);
            if (!outcome.IsAccepted)
            {
                await QuarantineAsync(QuarantinedRecord.Of(outcome.Reason, name, record, outcome.Detail));
                continue;
            }
            var eventDate = UtcMicros.DateOf(_event.TimestampMicros);
            if (eventDate != _lastEventDate && !TakeEventDate(eventDate))
            {
                await QuarantineAsync(QuarantinedRecord.Of(QuarantineReason.OverLimit, name, record,
                    $"the arrival already holds events of {limits.MaxEventDates} event dates (max_event_dates); " +
                    $"this one is of {eventDate:yyyy-MM-dd}"));
                continue;
            }
            bronze.Accept(_event, eventDate, name, record.Line);
            Accepted++;
        }
        if (bounded.Exceeded)
        {
            Records++;
            await QuarantineAsync(new QuarantinedRecord(QuarantineReason.OverLimit, name, lastLine + 1,
                $"the file {(gzip ? "decompresses to" : "holds")} more than {limits.MaxFileBytes / (1024 * 1024)} MiB " +
                "(max_file_megabytes): the rest is not read", null));
        }
        if (declaredSize is { } size && content is not null && !unreadable && !bounded.Exceeded && (uint)bounded.BytesRead != size)
        {
            Records++;
            UnreadableTails++;
            await QuarantineAsync(new QuarantinedRecord(QuarantineReason.MalformedJson, name, lastLine + 1,
                $"the gzip stream ends early: {bounded.BytesRead} bytes decompressed, its trailer announces {size} (mod 2^32); " +
                "the file is truncated or holds several gzip members", null));
        }
        BlankLines += reader.BlankLines;
    }

    /// <summary>Records quarantined, by the reason's contract name (every reason, zero included).</summary>
    public Dictionary<string, long> QuarantineCounts() => _quarantined.ToDictionary(r => r.Key.ToContractName(), r => r.Value);

    /// <summary>Every record read is accepted or quarantined: a hard check, before bronze is committed.</summary>
    public IReadOnlyList<DataQualityResult> Quality() => [CountBalance.Check(Records, Accepted, QuarantinedTotal, 0)];

    /// <summary>
    /// Notes an event date, unless it would be one more than the bound allows. Consecutive events mostly share their
    /// date, so the set is consulted only when the date changes, not once per event.
    /// </summary>
    private bool TakeEventDate(DateOnly eventDate)
    {
        if (!EventDates.Contains(eventDate))
        {
            if (EventDates.Count >= limits.MaxEventDates) return false;
            EventDates.Add(eventDate);
        }
        _lastEventDate = eventDate;
        return true;
    }

    private Task QuarantineAsync(QuarantinedRecord record)
    {
        _quarantined[record.Reason]++;
        return quarantine.QuarantineAsync(record);
    }
}
