using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.Logging;
using Orchestrated.Domain.Events;
using Orchestrated.Domain.Quality;
using Orchestrated.Domain.Time;
using Orchestrated.Pipeline.Raw;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Pipeline.Steps;

/// <summary>
/// raw JSON of an arrival date → bronze Parquet of that date, plus the quarantine of every line that is not an
/// event (with its file, line and reason). Files are read in name order and lines in order, so "first seen"
/// is well defined downstream. Commit order: quarantine, then the event-date index, then bronze: a run killed
/// midway leaves the previous bronze partition in place, and a re-run rewrites all three.
/// </summary>
public sealed class IngestStep(IObjectStore store, StepSettings settings, ILogger logger)
{
    public async Task<StepResult> RunAsync(DateOnly date, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var rawPrefix = Dataset.Raw.PartitionPrefix(date);
        var listed = await store.ListAsync(rawPrefix, ct);
        var files = listed.Where(o => RawFileFormat.IsEventFile(o.Key)).ToList();
        if (files.Count == 0)
            throw new MissingInputException(listed.Count == 0
                ? $"No raw events for {date:yyyy-MM-dd}: nothing under {store.Describe(rawPrefix)}."
                : $"No raw event files for {date:yyyy-MM-dd} under {store.Describe(rawPrefix)}: expected .json, .jsonl or .ndjson (optionally .gz), found {string.Join(", ", listed.Select(o => o.Key[rawPrefix.Length..]))}.");

        using var run = new IngestRun(date, settings, progress, files.Sum(f => f.Size));
        var quarantineKey = Dataset.Quarantine.PartKey(date);
        var bronzeKey = Dataset.Bronze.PartKey(date);
        StoredObject? quarantineObject = null;
        // Bronze and quarantine are written side by side as the files are read; the quarantine commits first,
        // then the event-date index, then bronze.
        var bronzeObject = await store.WriteAsync(bronzeKey, async (bronzeStream, token) =>
        {
            var bronze = new BronzeFileWriter(bronzeStream, settings.Parquet);
            quarantineObject = await store.WriteAsync(quarantineKey, async (quarantineStream, t) =>
            {
                await using var quarantine = await QuarantineFileWriter.CreateAsync(quarantineStream, settings.Parquet, t);
                foreach (var file in files) await run.ReadFileAsync(store, file, rawPrefix, bronze, quarantine, t);
                run.FlushAll(bronze);
                await quarantine.CompleteAsync();
            }, token);
            DataQualityException.ThrowIfAnyHardFailed(run.Quality()); // before bronze is committed
            foreach (var eventDate in run.EventDates)
                await store.WriteAsync(BronzeIndex.MarkerKey(eventDate, date), static (_, _) => Task.CompletedTask, token);
            bronze.Complete();
        }, ct);

        var skipped = listed.Count - files.Count;
        var anomalies = new Dictionary<string, long>
        {
            ["blank_lines"] = run.BlankLines,
            ["skipped_files"] = skipped,
            ["empty_files"] = run.EmptyFiles,
            ["unreadable_file_tails"] = run.UnreadableTails,
        };
        logger.LogInformation("ingest {Date:yyyy-MM-dd}: {Files} files, {Records} records, {Accepted} to bronze, {Quarantined} quarantined",
            date, files.Count, run.Records, run.Accepted, run.QuarantinedTotal);
        return new StepResult
        {
            Step = IngestDescriptor.StepName,
            Date = date,
            RowsRead = run.Records,
            RowsWritten = run.Accepted,
            Quarantined = run.QuarantineCounts(),
            Inputs = files,
            Outputs = [bronzeObject, quarantineObject!],
            OutputRows = new Dictionary<string, long> { [bronzeKey] = run.Accepted, [quarantineKey] = run.QuarantinedTotal },
            ContentDates = run.EventDates.Order().ToList(),
            DataQuality = run.Quality(),
            Anomalies = anomalies,
            Duration = clock.Elapsed,
        };
    }

    /// <summary>The state of one ingest: parser, per-event-date row buffers, quarantine, counts.</summary>
    private sealed class IngestRun(DateOnly date, StepSettings settings, IProgress<double>? progress, long totalBytes) : IDisposable
    {
        private readonly RawEventParser _parser = new(UtcMicros.StartOf(date.AddDays(2)));
        private readonly RawEvent _event = new();
        private readonly Dictionary<DateOnly, BronzeRowBuffer> _buffers = [];
        private long _bytesDone;

        private readonly Dictionary<string, long> _quarantined = QuarantineReasons.All.ToDictionary(r => r.ToContractName(), _ => 0L);
        private QuarantineFileWriter _quarantine = null!;

        public SortedSet<DateOnly> EventDates { get; } = [];
        public long QuarantinedTotal => _quarantined.Values.Sum();
        public long Records { get; private set; }
        public long Accepted { get; private set; }
        public long BlankLines { get; private set; }
        public long EmptyFiles { get; private set; }
        public long UnreadableTails { get; private set; }

        public async Task ReadFileAsync(IObjectStore store, StoredObject file, string rawPrefix, BronzeFileWriter bronze,
            QuarantineFileWriter quarantine, CancellationToken ct)
        {
            _quarantine = quarantine;
            var name = file.Key[rawPrefix.Length..];
            if (file.Size == 0) EmptyFiles++;
            await using var stored = await store.OpenReadAsync(file.Key, ct);
            var gzip = RawFileFormat.IsGzip(name);
            var declaredSize = gzip ? GzipTrailer.DeclaredSize(stored) : null;
            await using var content = gzip ? new CountingStream(new GZipStream(stored, CompressionMode.Decompress)) : stored;
            using var reader = new RawRecordReader(content, settings.MaxRecordBytes);
            long lastLine = 0;
            var unreadable = false;
            foreach (var record in reader.Read())
            {
                ct.ThrowIfCancellationRequested();
                Records++;
                lastLine = record.Line;
                unreadable |= record.Problem is not null && record.Bytes.Length == 0;
                if (record.Problem is not null)
                {
                    if (record.Bytes.Length == 0) UnreadableTails++;
                    await QuarantineAsync(QuarantineReason.MalformedJson, name, record, record.Problem);
                    continue;
                }
                var outcome = _parser.Parse(record.Bytes, _event);
                if (!outcome.IsAccepted)
                {
                    await QuarantineAsync(outcome.Reason, name, record, outcome.Detail);
                    continue;
                }
                var eventDate = UtcMicros.DateOf(_event.TimestampMicros);
                if (!_buffers.TryGetValue(eventDate, out var buffer))
                {
                    _buffers[eventDate] = buffer = new BronzeRowBuffer(settings.Parquet.RowGroupSize);
                    EventDates.Add(eventDate);
                }
                buffer.Add(_event, name, record.Line);
                Accepted++;
                if (buffer.IsFull)
                {
                    bronze.WriteRowGroup(buffer, eventDate);
                    buffer.Clear();
                }
            }
            if (declaredSize is { } size && content is CountingStream counted && !unreadable && (uint)counted.BytesRead != size)
            {
                Records++;
                UnreadableTails++;
                await QuarantineAsync(QuarantineReason.MalformedJson, name, new RawRecord(lastLine + 1, ReadOnlyMemory<byte>.Empty, null),
                    $"the gzip stream ends early: {counted.BytesRead} bytes decompressed, its trailer announces {size} (mod 2^32); the file is truncated or holds several gzip members");
            }
            BlankLines += reader.BlankLines;
            _bytesDone += file.Size;
            progress?.Report(totalBytes == 0 ? 1 : (double)_bytesDone / totalBytes);
        }

        public void FlushAll(BronzeFileWriter bronze)
        {
            foreach (var (eventDate, buffer) in _buffers.OrderBy(kv => kv.Key))
            {
                bronze.WriteRowGroup(buffer, eventDate);
                buffer.Clear();
            }
        }

        public Dictionary<string, long> QuarantineCounts() => new(_quarantined);

        public void Dispose()
        {
            foreach (var buffer in _buffers.Values) buffer.Dispose();
            _buffers.Clear();
        }

        public IReadOnlyList<DataQualityResult> Quality() => [CountBalance.Check(Records, Accepted, QuarantinedTotal, 0)];

        private Task QuarantineAsync(QuarantineReason reason, string file, RawRecord record, string? detail)
        {
            var raw = record.Bytes.Span;
            if (raw.Length > QuarantineTable.MaxRawChars) raw = raw[..QuarantineTable.MaxRawChars];
            _quarantined[reason.ToContractName()]++;
            return _quarantine.AddAsync(new QuarantineRow(reason.ToContractName(), file, record.Line, detail,
                raw.IsEmpty ? null : Encoding.UTF8.GetString(raw)));
        }
    }
}
