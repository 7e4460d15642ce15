using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orchestrated.Domain.Cleaning;
using Orchestrated.Domain.Quality;
using Orchestrated.Domain.Time;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Pipeline.Steps;

/// <summary>
/// bronze → <c>silver/events</c> of one event date: every bronze row group of that date, from every arrival
/// date that holds one (late events included), in first-seen order (arrival date, file, line); duplicates of an
/// <c>event_id</c> dropped and counted; student ids replaced by their hash; device, page, course and chapter
/// normalised; rows sorted by (ts, event_id) for sessionizing.
/// </summary>
public sealed class CleanStep(IObjectStore store, PipelineSettings settings, ILogger logger)
{
    public async Task<StepResult> RunAsync(DateOnly date, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var ownBronze = await store.StatAsync(Dataset.Bronze.PartKey(date), ct)
            ?? throw new MissingInputException($"No bronze partition for {date:yyyy-MM-dd} at {store.Describe(Dataset.Bronze.PartKey(date))}: run ingest for that date first.");
        var markers = await store.ListAsync(BronzeIndex.DatePrefix(date), ct);
        var arrivals = markers.Select(m => BronzeIndex.ArrivalOf(m.Key)).OfType<DateOnly>().Append(date).Distinct().Order().ToList();

        var cleaner = new DayCleaner(date, settings.HashKeyBytes());
        var inputs = new List<StoredObject>();
        for (var k = 0; k < arrivals.Count; k++)
        {
            var key = Dataset.Bronze.PartKey(arrivals[k]);
            var bronze = arrivals[k] == date ? ownBronze : await store.StatAsync(key, ct);
            if (bronze is null) continue; // a marker left by an arrival whose bronze was since removed
            inputs.Add(bronze);
            await using var stream = await store.OpenReadAsync(key, ct);
            await foreach (var batch in BronzeFileReader.ReadEventDateAsync(stream, date, store.Describe(key), ct))
                cleaner.Add(batch, arrivals[k]);
            progress?.Report(0.8 * (k + 1) / arrivals.Count);
        }

        var order = cleaner.SortedOrder();
        var output = await store.WriteAsync(Dataset.SilverEvents.PartKey(date),
            (stream, token) => SilverEventsFileWriter.WriteAsync(stream, cleaner.Rows, order, settings.Parquet, token), ct);
        progress?.Report(1);

        var quality = new List<DataQualityResult>
        {
            CountBalance.Check(cleaner.RowsRead, cleaner.Rows.Count, 0, cleaner.Duplicates),
            DataQualityResult.Anomaly("late_events", cleaner.LateEvents, "events that arrived more than a day after their date"),
            DataQualityResult.Anomaly("out_of_order_events", cleaner.OutOfOrderEvents, "events earlier than the same student's previous event in the same raw file"),
        };
        DataQualityException.ThrowIfAnyHardFailed(quality);
        logger.LogInformation("clean {Date}: {Read} bronze rows from {Arrivals} arrival dates, {Written} events, {Duplicates} duplicates",
            date, cleaner.RowsRead, inputs.Count, cleaner.Rows.Count, cleaner.Duplicates);
        var warnings = settings.UsesDevelopmentHashKey
            ? new[] { "student_hash uses the built-in development key: set Orchestrated__StudentHashKey before real use." }
            : [];
        return new StepResult
        {
            Step = StepNames.Clean,
            Date = date,
            RowsRead = cleaner.RowsRead,
            RowsWritten = cleaner.Rows.Count,
            Duplicates = cleaner.Duplicates,
            Inputs = inputs,
            Outputs = [output],
            DataQuality = quality,
            Anomalies = new Dictionary<string, long>
            {
                ["late_events"] = cleaner.LateEvents,
                ["out_of_order_events"] = cleaner.OutOfOrderEvents,
                ["events_without_id"] = cleaner.EventsWithoutId,
            },
            Warnings = warnings,
            Duration = clock.Elapsed,
        };
    }

    /// <summary>Cleans one event date's bronze rows, offered in first-seen order.</summary>
    private sealed class DayCleaner(DateOnly date, byte[] hashKey)
    {
        private readonly StudentHasher _hasher = new(hashKey);
        private readonly DuplicateFilter _duplicates = new();
        private readonly Dictionary<ReadOnlyMemory<char>, ReadOnlyMemory<char>> _devices = new(CharMemoryComparer.Instance);
        private readonly Dictionary<ReadOnlyMemory<char>, (ReadOnlyMemory<char>? Course, ReadOnlyMemory<char>? Chapter)> _urlIds = new(CharMemoryComparer.Instance);
        private PageLocation.UrlSegments? _segments;
        private readonly Dictionary<(string Student, ReadOnlyMemory<char> File), long> _lastTs = new(new StudentFileComparer());
        private static readonly ReadOnlyMemory<char> UnknownDevice = DeviceName.Unknown.AsMemory();

        public SilverEventColumns Rows { get; } = new(1024);
        public long RowsRead { get; private set; }
        public long Duplicates => _duplicates.Duplicates;
        public long LateEvents { get; private set; }
        public long OutOfOrderEvents { get; private set; }
        public long EventsWithoutId { get; private set; }

        public void Add(BronzeBatch b, DateOnly arrival)
        {
            var late = arrival.DayNumber - date.DayNumber > 1;
            for (var i = 0; i < b.Count; i++)
            {
                RowsRead++;
                if (!_duplicates.Offer(b.EventId[i])) continue;
                var r = Rows.Append();
                var student = _hasher.Hash(b.StudentId[i].Span);
                Rows.EventId[r] = b.EventId[i];
                Rows.StudentHash[r] = student.AsMemory();
                Rows.Ts[r] = b.Ts[i];
                Rows.EventType[r] = b.EventType[i];
                Rows.Device[r] = Device(b.Device[i]);
                Rows.Browser[r] = b.Browser[i];
                Rows.Network[r] = b.Network[i];
                var location = PageLocation.Resolve(b.PageUrl[i], b.ScreenName[i], b.CourseId[i], b.ChapterId[i], _segments ??= IdsInUrl);
                Rows.Page[r] = location.Page;
                Rows.CourseId[r] = location.CourseId;
                Rows.ChapterId[r] = location.ChapterId;
                Rows.TimeSpentSec[r] = b.TimeSpentSec[i];
                Rows.ArrivalDate[r] = arrival;
                Rows.SourceFile[r] = b.SourceFile[i];
                Rows.SourceLine[r] = b.SourceLine[i];

                if (b.EventId[i] is null) EventsWithoutId++;
                if (late) LateEvents++;
                var streamInFile = (student, b.SourceFile[i]);
                if (_lastTs.TryGetValue(streamInFile, out var last) && b.Ts[i] < last) OutOfOrderEvents++;
                else _lastTs[streamInFile] = b.Ts[i];
            }
        }

        /// <summary>Row indexes in (ts, event_id) order; events without an id first among equal times, then first seen.</summary>
        public int[] SortedOrder()
        {
            var n = Rows.Count;
            var keys = Rows.Ts.AsSpan(0, n).ToArray();
            var order = new int[n];
            for (var i = 0; i < n; i++) order[i] = i;
            Array.Sort(keys, order);
            var ids = Rows.EventId;
            Comparison<int> tie = (x, y) =>
            {
                var (a, b) = (ids[x], ids[y]);
                if (a is null || b is null) return a is null && b is null ? x.CompareTo(y) : a is null ? -1 : 1;
                var c = a.Value.Span.SequenceCompareTo(b.Value.Span);
                return c != 0 ? c : x.CompareTo(y);
            };
            for (var start = 0; start < n;)
            {
                var end = start + 1;
                while (end < n && keys[end] == keys[start]) end++;
                if (end - start > 1) order.AsSpan(start, end - start).Sort(tie);
                start = end;
            }
            return order;
        }

        private ReadOnlyMemory<char> Device(ReadOnlyMemory<char>? raw)
        {
            if (raw is null) return UnknownDevice;
            if (_devices.TryGetValue(raw.Value, out var normalised)) return normalised;
            normalised = DeviceName.Normalize(raw.Value.Span).AsMemory();
            _devices[raw.Value.ToArray()] = normalised;
            return normalised;
        }

        private (ReadOnlyMemory<char>? Course, ReadOnlyMemory<char>? Chapter) IdsInUrl(ReadOnlyMemory<char> url)
        {
            if (_urlIds.TryGetValue(url, out var ids)) return ids;
            // Slices of a private copy: the key and the ids then outlive the batch the URL came from.
            var copy = url.ToArray().AsMemory();
            ids = PageLocation.SegmentsOf(copy);
            _urlIds[copy] = ids;
            return ids;
        }
    }

    private sealed class StudentFileComparer : IEqualityComparer<(string Student, ReadOnlyMemory<char> File)>
    {
        public bool Equals((string Student, ReadOnlyMemory<char> File) x, (string Student, ReadOnlyMemory<char> File) y) =>
            x.Student == y.Student && x.File.Span.SequenceEqual(y.File.Span);

        public int GetHashCode((string Student, ReadOnlyMemory<char> File) key) =>
            HashCode.Combine(key.Student, string.GetHashCode(key.File.Span));
    }
}
