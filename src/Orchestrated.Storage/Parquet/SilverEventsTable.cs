using Orchestrated.Domain.Cleaning;
using Orchestrated.Domain.Sessions;
using Parquet;
using Parquet.Schema;

namespace Orchestrated.Storage.Parquet;

/// <summary>
/// <c>silver/events</c>: clean, de-duplicated events of one UTC event date, sorted by (ts, event_id) so a day
/// reads in time order and the first row groups of a day are its first hours.
/// </summary>
public static class SilverEventsTable
{
    public static readonly DataField EventId = new DataField<string>("event_id", true);
    public static readonly DataField StudentHash = new DataField<string>("student_hash", false);
    public static readonly DataField Ts = Columns.Timestamp("ts");
    public static readonly DataField EventType = new DataField<string>("event_type", true);
    public static readonly DataField Device = new DataField<string>("device", false);
    public static readonly DataField Browser = new DataField<string>("browser", true);
    public static readonly DataField Network = new DataField<string>("network", true);
    public static readonly DataField Page = new DataField<string>("page", true);
    public static readonly DataField CourseId = new DataField<string>("course_id", true);
    public static readonly DataField ChapterId = new DataField<string>("chapter_id", true);
    public static readonly DataField TimeSpentSec = new DataField<double?>("time_spent_sec");
    public static readonly DataField ArrivalDate = new DataField<DateOnly>("arrival_date", false);
    public static readonly DataField SourceFile = new DataField<string>("source_file", false);
    public static readonly DataField SourceLine = new DataField<long>("source_line", false);

    public static readonly TableSchema Schema = new("silver_events", EventId, StudentHash, Ts, EventType, Device, Browser, Network,
        Page, CourseId, ChapterId, TimeSpentSec, ArrivalDate, SourceFile, SourceLine);

    internal static readonly string[] DictionaryColumns =
        ["student_hash", "event_type", "device", "browser", "network", "page", "course_id", "chapter_id", "source_file"];
}

/// <summary>
/// A day of clean events, column by column, in the order they were first seen. Texts are ids into
/// <see cref="Texts"/> (<see cref="SymbolTable.None"/> for null) and event ids are handles into <see cref="EventIds"/>
/// (<see cref="TextArena.None"/> for none): a day is a few arrays of numbers, not millions of objects.
/// </summary>
public sealed class SilverEventColumns(int capacity, DuplicateFilter eventIds)
{
    public SymbolTable Texts { get; } = new();
    public DuplicateFilter EventIds { get; } = eventIds;
    public int Count { get; private set; }
    public long[] EventId = new long[capacity];
    public int[] StudentHash = new int[capacity];
    public long[] Ts = new long[capacity];
    public int[] EventType = new int[capacity];
    public int[] Device = new int[capacity];
    public int[] Browser = new int[capacity];
    public int[] Network = new int[capacity];
    public int[] Page = new int[capacity];
    public int[] CourseId = new int[capacity];
    public int[] ChapterId = new int[capacity];
    public double?[] TimeSpentSec = new double?[capacity];
    public DateOnly[] ArrivalDate = new DateOnly[capacity];
    public int[] SourceFile = new int[capacity];
    public long[] SourceLine = new long[capacity];

    /// <summary>Reserves the next row and returns its index; grows the columns when full.</summary>
    public int Append()
    {
        if (Count == Ts.Length) Grow(Math.Max(1024, Ts.Length * 2));
        return Count++;
    }

    private void Grow(int size)
    {
        Array.Resize(ref EventId, size); Array.Resize(ref StudentHash, size); Array.Resize(ref Ts, size);
        Array.Resize(ref EventType, size); Array.Resize(ref Device, size); Array.Resize(ref Browser, size);
        Array.Resize(ref Network, size); Array.Resize(ref Page, size); Array.Resize(ref CourseId, size);
        Array.Resize(ref ChapterId, size); Array.Resize(ref TimeSpentSec, size); Array.Resize(ref ArrivalDate, size);
        Array.Resize(ref SourceFile, size); Array.Resize(ref SourceLine, size);
    }
}

public static class SilverEventsFileWriter
{
    /// <summary>Writes the rows in the given order, in row groups of the configured size.</summary>
    public static async Task WriteAsync(Stream stream, SilverEventColumns c, int[] order, ParquetSettings settings, CancellationToken ct)
    {
        await using var writer = await ParquetFiles.CreateWriterAsync(SilverEventsTable.Schema, stream,
            settings.OptionsFor(SilverEventsTable.DictionaryColumns), ct);
        var size = Math.Min(settings.RowGroupSize, Math.Max(1, order.Length));
        var text = new string?[size];
        var ids = new ReadOnlyMemory<char>?[size];
        var longs = new long[size];
        var doubles = new double?[size];
        var dates = new DateOnly[size];
        for (var offset = 0; offset < order.Length; offset += size)
        {
            var n = Math.Min(size, order.Length - offset);
            var rows = new ArraySegment<int>(order, offset, n);
            using var g = writer.CreateRowGroup();
            await Columns.WriteTextAsync(g, SilverEventsTable.EventId, EventIds(c, rows, ids), 0, n);
            await Columns.WriteTextAsync(g, SilverEventsTable.StudentHash, Texts(c, c.StudentHash, rows, text), 0, n);
            await Columns.WriteTimestampsAsync(g, SilverEventsTable.Ts, Gather(c.Ts, rows, longs), 0, n);
            await Columns.WriteTextAsync(g, SilverEventsTable.EventType, Texts(c, c.EventType, rows, text), 0, n);
            await Columns.WriteTextAsync(g, SilverEventsTable.Device, Texts(c, c.Device, rows, text), 0, n);
            await Columns.WriteTextAsync(g, SilverEventsTable.Browser, Texts(c, c.Browser, rows, text), 0, n);
            await Columns.WriteTextAsync(g, SilverEventsTable.Network, Texts(c, c.Network, rows, text), 0, n);
            await Columns.WriteTextAsync(g, SilverEventsTable.Page, Texts(c, c.Page, rows, text), 0, n);
            await Columns.WriteTextAsync(g, SilverEventsTable.CourseId, Texts(c, c.CourseId, rows, text), 0, n);
            await Columns.WriteTextAsync(g, SilverEventsTable.ChapterId, Texts(c, c.ChapterId, rows, text), 0, n);
            await Columns.WriteAsync(g, SilverEventsTable.TimeSpentSec, Gather(c.TimeSpentSec, rows, doubles), 0, n);
            await Columns.WriteAsync(g, SilverEventsTable.ArrivalDate, Gather(c.ArrivalDate, rows, dates), 0, n);
            await Columns.WriteTextAsync(g, SilverEventsTable.SourceFile, Texts(c, c.SourceFile, rows, text), 0, n);
            await Columns.WriteAsync(g, SilverEventsTable.SourceLine, Gather(c.SourceLine, rows, longs), 0, n);
        }
    }

    private static T[] Gather<T>(T[] column, ArraySegment<int> rows, T[] into)
    {
        for (var i = 0; i < rows.Count; i++) into[i] = column[rows[i]];
        return into;
    }

    private static ReadOnlyMemory<char>?[] EventIds(SilverEventColumns c, ArraySegment<int> rows, ReadOnlyMemory<char>?[] into)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            var handle = c.EventId[rows[i]];
            into[i] = handle == TextArena.None ? null : c.EventIds.Text(handle);
        }
        return into;
    }

    private static string?[] Texts(SilverEventColumns c, int[] column, ArraySegment<int> rows, string?[] into)
    {
        for (var i = 0; i < rows.Count; i++) into[i] = c.Texts.TextOf(column[rows[i]]);
        return into;
    }
}

public static class SilverEventsFileReader
{
    /// <summary>
    /// The day's events as the sessionizer reads them: only the columns the pass needs. Batches share their
    /// arrays: use a batch before asking for the next.
    /// </summary>
    public static async IAsyncEnumerable<SessionEventBatch> ReadForSessionsAsync(Stream stream, EventDetail detail, SessionRules rules, string location,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var reader = await ParquetFiles.OpenAsync(stream, ct);
        var f = SilverEventsTable.Schema.Bind(reader, location);
        if (reader.RowGroupCount == 0) yield break;
        var capacity = (int)Enumerable.Range(0, reader.RowGroupCount).Max(i => reader.Metadata!.RowGroups[i].NumRows);
        var full = detail == EventDetail.Full;
        var scratch = new DateTime[capacity];
        var ts = new long[capacity];
        var student = new ReadOnlyMemory<char>[capacity];
        var device = new ReadOnlyMemory<char>[capacity];
        var browser = rules.SplitOnBrowser ? new ReadOnlyMemory<char>?[capacity] : null;
        var network = rules.SplitOnNetwork ? new ReadOnlyMemory<char>?[capacity] : null;
        var page = full ? new ReadOnlyMemory<char>?[capacity] : null;
        var spent = full ? new double?[capacity] : null;
        for (var i = 0; i < reader.RowGroupCount; i++)
        {
            using var g = reader.OpenRowGroupReader(i);
            await Columns.ReadTimestampsIntoAsync(g, f["ts"], scratch, ts);
            await Columns.ReadIntoAsync(g, f["student_hash"], student);
            await Columns.ReadIntoAsync(g, f["device"], device);
            if (browser is not null) await Columns.ReadIntoAsync(g, f["browser"], browser);
            if (network is not null) await Columns.ReadIntoAsync(g, f["network"], network);
            if (page is not null) await Columns.ReadIntoAsync(g, f["page"], page);
            if (spent is not null) await Columns.ReadIntoAsync(g, f["time_spent_sec"], spent);
            yield return new SessionEventBatch
            {
                Count = (int)g.RowCount, Ts = ts, Student = student, Device = device, Browser = browser, Network = network,
                Page = page, TimeSpentSec = spent,
            };
        }
    }

    /// <summary>Every row, for inspection and tests.</summary>
    public static async Task<IReadOnlyList<SilverEventRow>> ReadAllAsync(Stream stream, string location, CancellationToken ct = default)
    {
        await using var reader = await ParquetFiles.OpenAsync(stream, ct);
        var f = SilverEventsTable.Schema.Bind(reader, location);
        var rows = new List<SilverEventRow>();
        for (var i = 0; i < reader.RowGroupCount; i++)
        {
            using var g = reader.OpenRowGroupReader(i);
            var eventId = await Columns.ReadNullableTextAsync(g, f["event_id"]);
            var student = await Columns.ReadTextAsync(g, f["student_hash"]);
            var ts = await Columns.ReadTimestampsAsync(g, f["ts"]);
            var eventType = await Columns.ReadNullableTextAsync(g, f["event_type"]);
            var device = await Columns.ReadTextAsync(g, f["device"]);
            var browser = await Columns.ReadNullableTextAsync(g, f["browser"]);
            var network = await Columns.ReadNullableTextAsync(g, f["network"]);
            var page = await Columns.ReadNullableTextAsync(g, f["page"]);
            var course = await Columns.ReadNullableTextAsync(g, f["course_id"]);
            var chapter = await Columns.ReadNullableTextAsync(g, f["chapter_id"]);
            var spent = await Columns.ReadNullableAsync<double>(g, f["time_spent_sec"]);
            var arrival = await Columns.ReadAsync<DateOnly>(g, f["arrival_date"]);
            var file = await Columns.ReadTextAsync(g, f["source_file"]);
            var line = await Columns.ReadAsync<long>(g, f["source_line"]);
            for (var r = 0; r < g.RowCount; r++)
                rows.Add(new SilverEventRow(eventId[r]?.ToString(), student[r].ToString(), ts[r], eventType[r]?.ToString(), device[r].ToString(),
                    browser[r]?.ToString(), network[r]?.ToString(), page[r]?.ToString(), course[r]?.ToString(), chapter[r]?.ToString(),
                    spent[r], arrival[r], file[r].ToString(), line[r]));
        }
        return rows;
    }
}

public sealed record SilverEventRow(
    string? EventId, string StudentHash, long Ts, string? EventType, string Device, string? Browser, string? Network,
    string? Page, string? CourseId, string? ChapterId, double? TimeSpentSec, DateOnly ArrivalDate, string SourceFile, long SourceLine);
