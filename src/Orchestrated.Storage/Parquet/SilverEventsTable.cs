using Orchestrated.Domain.Cleaning;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Buffers;
using Orchestrated.Domain.Text;
using Orchestrated.Storage.Parquet.Codec;

namespace Orchestrated.Storage.Parquet;

/// <summary>
/// <c>silver/events</c>: clean, de-duplicated events of one UTC event date, sorted by (ts, event_id) so a day
/// reads in time order and the first row groups of a day are its first hours.
/// </summary>
public static class SilverEventsTable
{
    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("event_id", ColumnKind.Text, true),
        new("student_hash", ColumnKind.Text, false),
        new("ts", ColumnKind.Timestamp, false),
        new("event_type", ColumnKind.Text, true),
        new("device", ColumnKind.Text, false),
        new("browser", ColumnKind.Text, true),
        new("network", ColumnKind.Text, true),
        new("page", ColumnKind.Text, true),
        new("course_id", ColumnKind.Text, true),
        new("chapter_id", ColumnKind.Text, true),
        new("time_spent_sec", ColumnKind.Double, true),
        new("arrival_date", ColumnKind.Date, false),
        new("source_file", ColumnKind.Text, false),
        new("source_line", ColumnKind.Int64, false),
    ];
}

/// <summary>
/// A day of clean events, column by column, in the order they were first seen. Texts are ids into
/// <see cref="Texts"/> (<see cref="SymbolTable.None"/> for null) and event ids are handles into <see cref="EventIds"/>
/// (<see cref="TextArena.None"/> for none): a day is a few arrays of numbers, not millions of objects. The arrays are
/// borrowed from the shared pool until <see cref="Dispose"/>.
/// </summary>
public sealed class SilverEventColumns(int capacity, DuplicateFilter eventIds) : IDisposable
{
    public SymbolTable Texts { get; } = new();
    public DuplicateFilter EventIds { get; } = eventIds;
    public int Count { get; private set; }
    private int _capacity = capacity;
    public long[] EventId = ArrayLoans.Rent<long>(capacity);
    public int[] StudentHash = ArrayLoans.Rent<int>(capacity);
    public long[] Ts = ArrayLoans.Rent<long>(capacity);
    public int[] EventType = ArrayLoans.Rent<int>(capacity);
    public int[] Device = ArrayLoans.Rent<int>(capacity);
    public int[] Browser = ArrayLoans.Rent<int>(capacity);
    public int[] Network = ArrayLoans.Rent<int>(capacity);
    public int[] Page = ArrayLoans.Rent<int>(capacity);
    public int[] CourseId = ArrayLoans.Rent<int>(capacity);
    public int[] ChapterId = ArrayLoans.Rent<int>(capacity);
    public double?[] TimeSpentSec = ArrayLoans.Rent<double?>(capacity);
    public DateOnly[] ArrivalDate = ArrayLoans.Rent<DateOnly>(capacity);
    public int[] SourceFile = ArrayLoans.Rent<int>(capacity);
    public long[] SourceLine = ArrayLoans.Rent<long>(capacity);

    /// <summary>Reserves the next row and returns its index; grows the columns when full.</summary>
    public int Append()
    {
        if (Count == _capacity) Grow(Math.Max(1024, _capacity * 2));
        return Count++;
    }

    /// <summary>Makes room for <paramref name="rows"/> more rows now, so the columns stay the same arrays while they are appended.</summary>
    public void Reserve(int rows)
    {
        if (Count + rows > _capacity) Grow(Math.Max(Count + rows, _capacity * 2));
    }

    private void Grow(int size)
    {
        var n = Count;
        ArrayLoans.Grow(ref EventId, size, n); ArrayLoans.Grow(ref StudentHash, size, n); ArrayLoans.Grow(ref Ts, size, n);
        ArrayLoans.Grow(ref EventType, size, n); ArrayLoans.Grow(ref Device, size, n); ArrayLoans.Grow(ref Browser, size, n);
        ArrayLoans.Grow(ref Network, size, n); ArrayLoans.Grow(ref Page, size, n); ArrayLoans.Grow(ref CourseId, size, n);
        ArrayLoans.Grow(ref ChapterId, size, n); ArrayLoans.Grow(ref TimeSpentSec, size, n); ArrayLoans.Grow(ref ArrivalDate, size, n);
        ArrayLoans.Grow(ref SourceFile, size, n); ArrayLoans.Grow(ref SourceLine, size, n);
        _capacity = size;
    }

    public void Dispose()
    {
        ArrayLoans.Return(ref EventId); ArrayLoans.Return(ref StudentHash); ArrayLoans.Return(ref Ts);
        ArrayLoans.Return(ref EventType); ArrayLoans.Return(ref Device); ArrayLoans.Return(ref Browser);
        ArrayLoans.Return(ref Network); ArrayLoans.Return(ref Page); ArrayLoans.Return(ref CourseId);
        ArrayLoans.Return(ref ChapterId); ArrayLoans.Return(ref TimeSpentSec); ArrayLoans.Return(ref ArrivalDate);
        ArrayLoans.Return(ref SourceFile); ArrayLoans.Return(ref SourceLine);
        _capacity = Count = 0;
    }
}

public static class SilverEventsFileWriter
{
    /// <summary>Writes the rows in the given order, in row groups of the configured size.</summary>
    public static void Write(Stream stream, SilverEventColumns c, ReadOnlySpan<int> order, ParquetSettings settings)
    {
        var writer = new ColumnarFileWriter(stream, SilverEventsTable.Columns, settings.Compression);
        var size = Math.Min(settings.RowGroupSize, Math.Max(1, order.Length));
        var ints = ArrayLoans.Rent<int>(size);
        var longs = ArrayLoans.Rent<long>(size);
        var doubles = ArrayLoans.Rent<double?>(size);
        for (var offset = 0; offset < order.Length; offset += size)
        {
            var n = Math.Min(size, order.Length - offset);
            var rows = order.Slice(offset, n);
            writer.BeginRowGroup(n);
            writer.WriteTexts(Gather(c.EventId, rows, longs), c.EventIds.Ids);
            writer.WriteSymbols(Gather(c.StudentHash, rows, ints), c.Texts);
            writer.WriteInt64(Gather(c.Ts, rows, longs));
            writer.WriteSymbols(Gather(c.EventType, rows, ints), c.Texts);
            writer.WriteSymbols(Gather(c.Device, rows, ints), c.Texts);
            writer.WriteSymbols(Gather(c.Browser, rows, ints), c.Texts);
            writer.WriteSymbols(Gather(c.Network, rows, ints), c.Texts);
            writer.WriteSymbols(Gather(c.Page, rows, ints), c.Texts);
            writer.WriteSymbols(Gather(c.CourseId, rows, ints), c.Texts);
            writer.WriteSymbols(Gather(c.ChapterId, rows, ints), c.Texts);
            writer.WriteDoubles(Gather(c.TimeSpentSec, rows, doubles));
            var days = ints.AsSpan(0, n);
            for (var i = 0; i < n; i++) days[i] = c.ArrivalDate[rows[i]].DayNumber - ColumnarFileReader.UnixEpochDay;
            writer.WriteInt32(days);
            writer.WriteSymbols(Gather(c.SourceFile, rows, ints), c.Texts);
            writer.WriteInt64(Gather(c.SourceLine, rows, longs));
            writer.EndRowGroup();
        }
        writer.Complete();
        ArrayLoans.Return(ref ints);
        ArrayLoans.Return(ref longs);
        ArrayLoans.Return(ref doubles);
    }

    private static ReadOnlySpan<T> Gather<T>(T[] column, ReadOnlySpan<int> rows, T[] into)
    {
        for (var i = 0; i < rows.Length; i++) into[i] = column[rows[i]];
        return into.AsSpan(0, rows.Length);
    }

}

public static class SilverEventsFileReader
{
    /// <summary>
    /// The day's events as the sessionizer reads them: only the columns the pass needs, one batch per row group, the
    /// row groups in file (time) order or, <paramref name="backward"/>, from the last. Batches share their arrays: use
    /// a batch before asking for the next.
    /// </summary>
    public static IEnumerable<SessionEventBatch> ReadForSessions(Stream stream, EventDetail detail, SessionRules rules, string location, bool backward = false)
    {
        using var reader = ColumnarFileReader.Open(stream, location);
        reader.Require(SilverEventsTable.Columns, "silver_events");
        if (reader.RowGroupCount == 0) yield break;
        var capacity = Enumerable.Range(0, reader.RowGroupCount).Max(reader.RowsIn);
        var full = detail == EventDetail.Full;
        var ts = ArrayLoans.Rent<long>(capacity);
        using var student = new TextColumn(capacity);
        using var device = new TextColumn(capacity);
        using var browser = rules.SplitOnBrowser ? new TextColumn(capacity) : null;
        using var network = rules.SplitOnNetwork ? new TextColumn(capacity) : null;
        using var page = full ? new TextColumn(capacity) : null;
        var spent = full ? ArrayLoans.Rent<double?>(capacity) : null;
        try
        {
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                var i = backward ? reader.RowGroupCount - 1 - g : g;
                reader.ReadInt64(i, "ts", ts);
                reader.ReadTexts(i, "student_hash", student);
                reader.ReadTexts(i, "device", device);
                if (browser is not null) reader.ReadTexts(i, "browser", browser);
                if (network is not null) reader.ReadTexts(i, "network", network);
                if (page is not null) reader.ReadTexts(i, "page", page);
                if (spent is not null) reader.ReadDoubles(i, "time_spent_sec", spent);
                yield return new SessionEventBatch
                {
                    Count = reader.RowsIn(i), Ts = ts, Student = student, Device = device, Browser = browser, Network = network,
                    Page = page, TimeSpentSec = spent,
                };
            }
        }
        finally
        {
            ArrayLoans.Return(ref ts);
            if (spent is not null) ArrayLoans.Return(ref spent);
        }
    }

    /// <summary>Every row, for inspection and tests.</summary>
    public static IReadOnlyList<SilverEventRow> ReadAll(Stream stream, string location)
    {
        using var reader = ColumnarFileReader.Open(stream, location);
        reader.Require(SilverEventsTable.Columns, "silver_events");
        var rows = new List<SilverEventRow>();
        for (var i = 0; i < reader.RowGroupCount; i++)
        {
            var n = reader.RowsIn(i);
            string?[] Text(string column)
            {
                var values = new TextColumn(n);
                reader.ReadTexts(i, column, values);
                return Enumerable.Range(0, n).Select(values.Text).ToArray();
            }
            var eventId = Text("event_id");
            var student = Text("student_hash");
            var ts = new long[n];
            reader.ReadInt64(i, "ts", ts);
            var eventType = Text("event_type");
            var device = Text("device");
            var browser = Text("browser");
            var network = Text("network");
            var page = Text("page");
            var course = Text("course_id");
            var chapter = Text("chapter_id");
            var spent = new double?[n];
            reader.ReadDoubles(i, "time_spent_sec", spent);
            var arrival = new DateOnly[n];
            reader.ReadDates(i, "arrival_date", arrival);
            var file = Text("source_file");
            var line = new long[n];
            reader.ReadInt64(i, "source_line", line);
            for (var r = 0; r < n; r++)
                rows.Add(new SilverEventRow(eventId[r], student[r]!, ts[r], eventType[r], device[r]!, browser[r], network[r], page[r], course[r], chapter[r],
                    spent[r], arrival[r], file[r]!, line[r]));
        }
        return rows;
    }
}

public sealed record SilverEventRow(
    string? EventId, string StudentHash, long Ts, string? EventType, string Device, string? Browser, string? Network,
    string? Page, string? CourseId, string? ChapterId, double? TimeSpentSec, DateOnly ArrivalDate, string SourceFile, long SourceLine);
