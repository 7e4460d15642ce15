using Orchestrated.Domain.Events;
using Orchestrated.Domain.Live;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Time;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Execution.Streaming;

/// <summary>
/// One partition of the event log read into <see cref="LiveSessionizer"/>, its closed sessions written in micro-batches
/// to <c>silver/sessions_live/date=D/</c> and its late events to <c>late/events/date=D/</c>. Every decision follows
/// from the log alone (events, and entry times as the clock), and each file is named by the offsets it covers, so
/// reading the log again writes the same files under the same names: a rewrite replaces, it never adds. Late event
/// files are recorded in <see cref="ILateEventLedger"/>, so the batch partitions they concern show stale.
/// </summary>
public sealed class LivePartition(int partition, IEventLog log, IObjectStore store, SessionRules rules, byte[] hashKey,
    StreamOptions options, ParquetSettings parquet, ILateEventLedger lateLedger)
{
    private readonly List<SessionRow> _closed = [];
    private readonly List<(DateOnly Date, DateOnly Arrival, byte[] Line)> _late = [];
    private byte[] _current = [];
    private DateOnly _arrival;
    // A post appended twice (a publish retried after a broken connection) must count once: its raw file names it.
    private const int RememberedPosts = 100_000;
    private readonly HashSet<string> _seenPosts = [];
    private readonly Queue<string> _postOrder = new();

    private readonly Queue<SessionRow> _recent = new();

    public const int RecentKept = 20;
    public int Partition => partition;
    public long LateEvents { get; private set; }
    public long SessionsClosed { get; private set; }
    public int Held { get; private set; }
    /// <summary>The stream time of the last entry read (when the collector appended it, or a tick).</summary>
    public long StreamTime { get; private set; } = long.MinValue;

    /// <summary>The latest sessions this partition closed, newest last.</summary>
    public IReadOnlyList<SessionRow> Recent
    {
        get { lock (_recent) return _recent.ToList(); }
    }

    public long Watermark { get; private set; } = long.MinValue;
    public int OpenSessions { get; private set; }
    /// <summary>The offset of the last entry fully handled (its closed sessions written when its micro-batch ended).</summary>
    public long LastOffset { get; private set; } = -1;

    public async Task RunAsync(CancellationToken ct)
    {
        using var live = new LiveSessionizer(rules, hashKey, options.Live(), Closed, e =>
        {
            _late.Add((UtcMicros.DateOf(e.TimestampMicros), _arrival, _current));
            Telemetry.OrchestratedTelemetry.LateEventLateness.Record((Watermark - e.TimestampMicros) / (double)UtcMicros.PerSecond);
        });
        var parser = new RawEventParser(long.MaxValue); // the collector has checked every event already
        var parsed = new RawEvent();
        long batchFrom = -1, lastFlush = long.MinValue;
        var interval = options.MicroBatchInterval.Ticks / TimeSpan.TicksPerMicrosecond;
        await foreach (var (offset, entry) in log.ReadAsync(partition, 0, ct))
        {
            if (batchFrom < 0 && !entry.IsTick) batchFrom = offset;
            var lines = entry.IsTick || FirstTime(entry.RawFile) ? Lines(entry.Events) : [];
            // The raw zone date the collector wrote the events to: where the batch finds them.
            _arrival = Dataset.Raw.DateOf(entry.RawFile) ?? UtcMicros.DateOf(entry.AppendedAtMicros);
            foreach (var line in lines)
            {
                _current = line;
                if (parser.Parse(line, parsed).IsAccepted) live.Add(parsed, entry.AppendedAtMicros);
            }
            live.Advance(entry.AppendedAtMicros);
            (Watermark, OpenSessions, LateEvents, Held, StreamTime) =
                (live.Watermark, live.OpenSessions, live.LateEvents, live.Held, entry.AppendedAtMicros);
            if (lastFlush == long.MinValue) lastFlush = entry.AppendedAtMicros;
            if (_closed.Count >= options.MicroBatchSessions || entry.AppendedAtMicros - lastFlush >= interval)
            {
                await FlushAsync(batchFrom, offset, entry.AppendedAtMicros, ct);
                (batchFrom, lastFlush) = (-1, entry.AppendedAtMicros);
            }
            LastOffset = offset;
        }
    }

    private bool FirstTime(string rawFile)
    {
        if (!_seenPosts.Add(rawFile)) return false;
        _postOrder.Enqueue(rawFile);
        if (_postOrder.Count > RememberedPosts) _seenPosts.Remove(_postOrder.Dequeue());
        return true;
    }

    private void Closed(SessionRow row)
    {
        _closed.Add(row);
        lock (_recent)
        {
            _recent.Enqueue(row);
            if (_recent.Count > RecentKept) _recent.Dequeue();
        }
    }

    /// <summary>
    /// Writes what closed since the last flush. The name holds the offsets read and the stream time of the flush:
    /// unique (that time only grows), and the same on a second reading of the log.
    /// </summary>
    private async Task FlushAsync(long from, long to, long at, CancellationToken ct)
    {
        if (_closed.Count == 0 && _late.Count == 0) return;
        var name = $"part-p{partition:D3}-{Math.Max(from, 0):D12}-{to:D12}-{at:D16}";
        foreach (var date in _closed.GroupBy(r => r.Date))
        {
            var rows = date.ToList();
            rows.Sort(SessionRow.OutputOrder);
            await store.WriteAsync($"{Dataset.SessionsLive.PartitionPrefix(date.Key)}{name}.parquet",
                (stream, _) => { SessionsTable.Write(stream, rows, parquet); return Task.CompletedTask; }, ct);
        }
        var lateFiles = new List<LateEventFile>();
        foreach (var date in _late.GroupBy(l => l.Date))
        {
            var key = $"{Dataset.LateEvents.PartitionPrefix(date.Key)}{name}.jsonl";
            await store.WriteAsync(key, async (stream, token) =>
            {
                foreach (var (_, _, line) in date)
                {
                    await stream.WriteAsync(line, token);
                    stream.WriteByte((byte)'\n');
                }
            }, ct);
            lateFiles.AddRange(date.GroupBy(l => l.Arrival).Select(a => new LateEventFile(key, date.Key, a.Key, a.Count())));
        }
        // After the files: a crash between the two writes the files again on the next reading, and records them then.
        await lateLedger.RecordAsync(lateFiles, ct);
        SessionsClosed += _closed.Count;
        Telemetry.OrchestratedTelemetry.LiveSessionsClosed.Add(_closed.Count);
        _closed.Clear();
        _late.Clear();
    }

    private static IEnumerable<byte[]> Lines(byte[] ndjson)
    {
        var start = 0;
        while (start < ndjson.Length)
        {
            var end = Array.IndexOf(ndjson, (byte)'\n', start);
            if (end < 0) end = ndjson.Length;
            if (end > start) yield return ndjson[start..end];
            start = end + 1;
        }
    }
}
