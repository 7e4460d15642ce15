using Microsoft.Extensions.Logging;
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
/// reading the log again writes the same files under the same names: a rewrite replaces, it never adds. At the end of
/// a micro-batch, every <c>CheckpointInterval</c> of stream time, the whole state is committed as one object
/// (<see cref="PartitionCheckpoints"/>); a new reading resumes from it and rewrites what was written after it. Late
/// event files are recorded in <see cref="ILateEventLedger"/>, so the batch partitions they concern show stale.
/// </summary>
public sealed class LivePartition(int partition, IEventLog log, IObjectStore store, SessionRules rules, byte[] hashKey,
    StreamOptions options, ParquetSettings parquet, ILateEventLedger lateLedger, ILogger? logger = null)
{
    private readonly PartitionCheckpoints _checkpoints = new(store, options);
    private readonly List<string> _written = []; // files written since the last checkpoint
    private readonly List<SessionRow> _closed = [];
    private readonly List<long> _closedBy = []; // for each closed session, when the entry that closed it was appended
    private long _entryAppendedAt;
    private readonly List<(DateOnly Date, DateOnly Arrival, byte[] Line)> _late = [];
    private ReadOnlyMemory<byte> _current;
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
    /// <summary>Events read from the log (a post appended twice counted once).</summary>
    public long EventsRead { get; private set; }
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
    /// <summary>The offset of the checkpoint this reading resumed from, or -1 when it read the stream from its start.</summary>
    public long ResumedFrom { get; private set; } = -1;
    public long CheckpointsWritten { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        using var live = new LiveSessionizer(rules, hashKey, options.Live(), Closed, e =>
        {
            _late.Add((UtcMicros.DateOf(e.TimestampMicros), _arrival, _current.ToArray()));
            Telemetry.OrchestratedTelemetry.LateEventLateness.Record((Watermark - e.TimestampMicros) / (double)UtcMicros.PerSecond);
        });
        var parser = new RawEventParser(long.MaxValue); // the collector has checked every event already
        var parsed = new RawEvent();
        long batchFrom = -1, lastFlush = await ResumeAsync(live, ct), lastCheckpoint = lastFlush;
        var interval = options.MicroBatchInterval.Ticks / TimeSpan.TicksPerMicrosecond;
        var checkpointEvery = options.CheckpointInterval.Ticks / TimeSpan.TicksPerMicrosecond;
        await foreach (var (offset, entry) in log.ReadAsync(partition, LastOffset + 1, ct))
        {
            if (batchFrom < 0 && !entry.IsTick) batchFrom = offset;
            var lines = entry.IsTick || FirstTime(entry.RawFile) ? Lines(entry.Events) : [];
            // The raw zone date the collector wrote the events to: where the batch finds them.
            _arrival = Dataset.Raw.DateOf(entry.RawFile) ?? UtcMicros.DateOf(entry.AppendedAtMicros);
            foreach (var line in lines)
            {
                EventsRead++;
                _current = line;
                if (parser.Parse(line, parsed).IsAccepted) live.Add(parsed, entry.AppendedAtMicros);
            }
            _entryAppendedAt = entry.AppendedAtMicros;
            live.Advance(entry.AppendedAtMicros);
            (Watermark, OpenSessions, LateEvents, Held, StreamTime) =
                (live.Watermark, live.OpenSessions, live.LateEvents, live.Held, entry.AppendedAtMicros);
            if (lastFlush == long.MinValue) lastFlush = lastCheckpoint = entry.AppendedAtMicros;
            if (_closed.Count >= options.MicroBatchSessions || entry.AppendedAtMicros - lastFlush >= interval)
            {
                await FlushAsync(batchFrom, offset, entry.AppendedAtMicros, ct);
                (batchFrom, lastFlush) = (-1, entry.AppendedAtMicros);
                // At a micro-batch's end nothing is pending but the sessionizer's state: the moment to commit it.
                if (log.Durable && entry.AppendedAtMicros - lastCheckpoint >= checkpointEvery)
                {
                    await CheckpointAsync(live, offset, lastFlush, ct);
                    lastCheckpoint = entry.AppendedAtMicros;
                }
            }
            // Only now is the entry handled, its checkpoint (if one was due) included: whoever stops the reading once
            // it got here finds the same store as one who stops it later.
            LastOffset = offset;
        }
    }

    /// <summary>Takes up the last checkpoint, if there is one that can be read; answers the stream time of its flush.</summary>
    private async Task<long> ResumeAsync(LiveSessionizer live, CancellationToken ct)
    {
        if (!log.Durable) return long.MinValue;
        var (checkpoint, problem) = await _checkpoints.ReadAsync(partition, ct);
        if (problem is not null) logger?.LogWarning("stream partition {Partition}: {Problem}; reading from the start", partition, problem);
        if (checkpoint is null) return long.MinValue;
        live.Restore(checkpoint.State);
        foreach (var post in checkpoint.Posts) FirstTime(post);
        (LastOffset, ResumedFrom, EventsRead, SessionsClosed) = (checkpoint.Offset, checkpoint.Offset, checkpoint.EventsRead,
            checkpoint.SessionsClosed);
        (Watermark, OpenSessions, LateEvents, Held, StreamTime) =
            (live.Watermark, live.OpenSessions, live.LateEvents, live.Held, checkpoint.LastFlush);
        return checkpoint.LastFlush;
    }

    private async Task CheckpointAsync(LiveSessionizer live, long offset, long lastFlush, CancellationToken ct)
    {
        await _checkpoints.WriteAsync(new PartitionCheckpoint(partition, offset, lastFlush, EventsRead, SessionsClosed,
            _postOrder.ToList(), _written.ToList(), live.Snapshot()), ct);
        _written.Clear();
        CheckpointsWritten++;
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
        _closedBy.Add(_entryAppendedAt);
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
            _written.Add($"{Dataset.SessionsLive.PartitionPrefix(date.Key)}{name}.parquet");
            await store.WriteAsync(_written[^1],
                (stream, _) => { SessionsTable.Write(stream, rows, parquet); return Task.CompletedTask; }, ct);
        }
        var lateFiles = new List<LateEventFile>();
        foreach (var date in _late.GroupBy(l => l.Date))
        {
            var key = $"{Dataset.LateEvents.PartitionPrefix(date.Key)}{name}.jsonl";
            _written.Add(key);
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
        var readable = UtcMicros.FromDateTime(DateTime.UtcNow);
        foreach (var closedBy in _closedBy)
            Telemetry.OrchestratedTelemetry.LiveCloseLatency.Record((readable - closedBy) / (double)UtcMicros.PerSecond);
        _closedBy.Clear();
        SessionsClosed += _closed.Count;
        Telemetry.OrchestratedTelemetry.LiveSessionsClosed.Add(_closed.Count);
        _closed.Clear();
        _late.Clear();
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Lines(byte[] ndjson)
    {
        var start = 0;
        while (start < ndjson.Length)
        {
            var end = Array.IndexOf(ndjson, (byte)'\n', start);
            if (end < 0) end = ndjson.Length;
            if (end > start) yield return ndjson.AsMemory(start, end - start);
            start = end + 1;
        }
    }
}
