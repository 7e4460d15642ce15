using Orchestrated.Domain.Buffers;
using Orchestrated.Domain.Events;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Text;
using Orchestrated.Storage.Parquet.Codec;

namespace Orchestrated.Storage.Parquet;

/// <summary>
/// <c>bronze/events</c>: raw events typed, one file per raw-arrival date, every row group holding a single event
/// date (named in the file's metadata) so cleaning a date reads only its row groups.
/// </summary>
public static class BronzeTable
{
    public const string RowGroupDatesKey = "orchestrated.row_group_event_dates";

    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("source_file", ColumnKind.Text, false),
        new("source_line", ColumnKind.Int64, false),
        new("event_id", ColumnKind.Text, true),
        new("student_id", ColumnKind.Text, false),
        new("ts", ColumnKind.Timestamp, false),
        new("event_type", ColumnKind.Text, true),
        new("page_url", ColumnKind.Text, true),
        new("screen_name", ColumnKind.Text, true),
        new("device", ColumnKind.Text, true),
        new("browser", ColumnKind.Text, true),
        new("network", ColumnKind.Text, true),
        new("course_id", ColumnKind.Text, true),
        new("chapter_id", ColumnKind.Text, true),
        new("time_spent_sec", ColumnKind.Double, true),
        new("metadata", ColumnKind.Text, true),
        new("extra", ColumnKind.Text, true),
    ];
}

/// <summary>
/// Rows of one event date waiting to become a bronze row group, as arrays of plain numbers: repeating texts as symbols
/// of a table of their UTF-8 values, texts unique to each event as handles into an arena. Nothing in it is a reference
/// the garbage collector has to trace, and everything is reused after every flush. Columns grow as rows arrive, so
/// a date with a handful of late events costs a handful of rows. The arrays are borrowed from the shared pool until
/// <see cref="Dispose"/>.
/// </summary>
public sealed class BronzeRowBuffer(int capacity) : IDisposable
{
    private readonly TextArena _arena = new();
    private readonly SymbolTable _texts = new();
    private const int MaxKeptSymbols = 1 << 18;
    private string? _lastFile;
    private readonly int[] _lastSymbol = [-1, -1, -1, -1, -1, -1, -1, -1, -1];
    private int _lastFileSymbol;
    private int _size;

    public int Capacity { get; } = capacity;
    public int Count { get; private set; }
    internal int[] SourceFile = [];
    internal long[] SourceLine = [];
    internal long[] EventId = [];
    internal int[] StudentId = [];
    internal long[] Ts = [];
    internal int[] EventType = [];
    internal int[] PageUrl = [];
    internal int[] ScreenName = [];
    internal int[] Device = [];
    internal int[] Browser = [];
    internal int[] Network = [];
    internal int[] CourseId = [];
    internal int[] ChapterId = [];
    internal double?[] TimeSpentSec = [];
    internal long[] Metadata = [];
    internal long[] Extra = [];

    internal SymbolTable Texts => _texts;
    internal TextArena Arena => _arena;
    public bool IsFull => Count == Capacity;

    public void Add(RawEvent e, string sourceFile, long line)
    {
        if (Count == _size) Grow();
        var i = Count++;
        SourceFile[i] = File(sourceFile);
        SourceLine[i] = line;
        EventId[i] = Keep(e.EventId);
        StudentId[i] = Intern(0, e.StudentId);
        Ts[i] = e.TimestampMicros;
        EventType[i] = Intern(1, e.EventType);
        PageUrl[i] = Intern(2, e.PageUrl);
        ScreenName[i] = Intern(3, e.ScreenName);
        Device[i] = Intern(4, e.Device);
        Browser[i] = Intern(5, e.Browser);
        Network[i] = Intern(6, e.Network);
        CourseId[i] = Intern(7, e.CourseId);
        ChapterId[i] = Intern(8, e.ChapterId);
        TimeSpentSec[i] = e.TimeSpentSec;
        Metadata[i] = Keep(e.Metadata);
        Extra[i] = Keep(e.Extra);
    }

    /// <summary>
    /// Empties the rows for the next row group. The symbols stay (each row group's dictionaries hold only the symbols
    /// it uses), so the next rows find their students and pages already interned, unless the table has grown past
    /// a bound: then it starts afresh, so texts that never repeat cannot make it grow without end.
    /// </summary>
    public void Clear()
    {
        _arena.Reset();
        if (_texts.Count > MaxKeptSymbols)
        {
            _texts.Clear();
            _lastFile = null;
            _lastSymbol.AsSpan().Fill(SymbolTable.None);
        }
        Count = 0;
    }

    /// <summary>
    /// The symbol of a text of column <paramref name="column"/>. Consecutive lines often repeat a value (a student's
    /// events come together, devices and networks rarely change), so the column's previous value is compared first:
    /// a few bytes compared instead of a hash and a probe.
    /// </summary>
    private int Intern(int column, ReadOnlyMemory<byte>? text)
    {
        if (text is not { } value) return SymbolTable.None;
        ref var last = ref _lastSymbol[column];
        if (last != SymbolTable.None && value.Span.SequenceEqual(_texts.Bytes(last))) return last;
        return last = _texts.Intern(value.Span);
    }

    /// <summary>Lines come file by file: the file's symbol is looked up once per file, not once per line.</summary>
    private int File(string name)
    {
        if (!ReferenceEquals(name, _lastFile))
        {
            _lastFile = name;
            _lastFileSymbol = _texts.Intern(name);
        }
        return _lastFileSymbol;
    }

    private long Keep(ReadOnlyMemory<byte>? text) => text is null ? TextArena.None : _arena.Add(text.Value.Span);

    private void Grow()
    {
        _size = Math.Min(Capacity, Math.Max(1024, _size * 2));
        var n = Count;
        ArrayLoans.Grow(ref SourceFile, _size, n); ArrayLoans.Grow(ref SourceLine, _size, n); ArrayLoans.Grow(ref EventId, _size, n);
        ArrayLoans.Grow(ref StudentId, _size, n); ArrayLoans.Grow(ref Ts, _size, n); ArrayLoans.Grow(ref EventType, _size, n);
        ArrayLoans.Grow(ref PageUrl, _size, n); ArrayLoans.Grow(ref ScreenName, _size, n); ArrayLoans.Grow(ref Device, _size, n);
        ArrayLoans.Grow(ref Browser, _size, n); ArrayLoans.Grow(ref Network, _size, n); ArrayLoans.Grow(ref CourseId, _size, n);
        ArrayLoans.Grow(ref ChapterId, _size, n); ArrayLoans.Grow(ref TimeSpentSec, _size, n); ArrayLoans.Grow(ref Metadata, _size, n);
        ArrayLoans.Grow(ref Extra, _size, n);
    }

    public void Dispose()
    {
        ArrayLoans.Return(ref SourceFile); ArrayLoans.Return(ref SourceLine); ArrayLoans.Return(ref EventId);
        ArrayLoans.Return(ref StudentId); ArrayLoans.Return(ref Ts); ArrayLoans.Return(ref EventType);
        ArrayLoans.Return(ref PageUrl); ArrayLoans.Return(ref ScreenName); ArrayLoans.Return(ref Device);
        ArrayLoans.Return(ref Browser); ArrayLoans.Return(ref Network); ArrayLoans.Return(ref CourseId);
        ArrayLoans.Return(ref ChapterId); ArrayLoans.Return(ref TimeSpentSec); ArrayLoans.Return(ref Metadata);
        ArrayLoans.Return(ref Extra);
        _arena.Dispose();
        _size = Count = 0;
    }
}

/// <summary>Writes a bronze file row group by row group; <see cref="Complete"/> records which event date each holds.</summary>
public sealed class BronzeFileWriter(Stream stream, ParquetSettings settings)
{
    private readonly ColumnarFileWriter _writer = new(stream, BronzeTable.Columns, settings.Compression);
    private readonly List<string> _rowGroupDates = [];

    public long RowsWritten => _writer.RowsWritten;

    public void WriteRowGroup(BronzeRowBuffer b, DateOnly eventDate)
    {
        if (b.Count == 0) return;
        var n = b.Count;
        var w = _writer;
        w.BeginRowGroup(n);
        var texts = b.Texts;
        w.WriteSymbols(b.SourceFile.AsSpan(0, n), texts);
        w.WriteInt64(b.SourceLine.AsSpan(0, n));
        w.WriteTexts(b.EventId.AsSpan(0, n), b.Arena);
        w.WriteSymbols(b.StudentId.AsSpan(0, n), texts);
        w.WriteInt64(b.Ts.AsSpan(0, n));
        w.WriteSymbols(b.EventType.AsSpan(0, n), texts);
        w.WriteSymbols(b.PageUrl.AsSpan(0, n), texts);
        w.WriteSymbols(b.ScreenName.AsSpan(0, n), texts);
        w.WriteSymbols(b.Device.AsSpan(0, n), texts);
        w.WriteSymbols(b.Browser.AsSpan(0, n), texts);
        w.WriteSymbols(b.Network.AsSpan(0, n), texts);
        w.WriteSymbols(b.CourseId.AsSpan(0, n), texts);
        w.WriteSymbols(b.ChapterId.AsSpan(0, n), texts);
        w.WriteDoubles(b.TimeSpentSec.AsSpan(0, n));
        w.WriteTexts(b.Metadata.AsSpan(0, n), b.Arena);
        w.WriteTexts(b.Extra.AsSpan(0, n), b.Arena);
        w.EndRowGroup();
        _rowGroupDates.Add(eventDate.ToString("yyyy-MM-dd"));
    }

    public void Complete() =>
        _writer.Complete(new Dictionary<string, string> { [BronzeTable.RowGroupDatesKey] = string.Join(',', _rowGroupDates) });
}

/// <summary>
/// One bronze row group's columns, as cleaning reads them. The reader reuses one batch (and its arrays) for every
/// row group: use the rows before asking for the next batch.
/// </summary>
public sealed class BronzeBatch(int capacity) : IDisposable
{
    public int Count { get; internal set; }
    public TextColumn SourceFile { get; } = new(capacity);
    public long[] SourceLine { get; } = new long[capacity];
    public TextColumn EventId { get; } = new(capacity);
    public TextColumn StudentId { get; } = new(capacity);
    public long[] Ts { get; } = new long[capacity];
    public TextColumn EventType { get; } = new(capacity);
    public TextColumn PageUrl { get; } = new(capacity);
    public TextColumn ScreenName { get; } = new(capacity);
    public TextColumn Device { get; } = new(capacity);
    public TextColumn Browser { get; } = new(capacity);
    public TextColumn Network { get; } = new(capacity);
    public TextColumn CourseId { get; } = new(capacity);
    public TextColumn ChapterId { get; } = new(capacity);
    public double?[] TimeSpentSec { get; } = new double?[capacity];

    public void Dispose()
    {
        foreach (var column in new[] { SourceFile, EventId, StudentId, EventType, PageUrl, ScreenName, Device, Browser, Network, CourseId, ChapterId })
            column.Dispose();
    }
}

public static class BronzeFileReader
{
    /// <summary>The row groups of one event date, in file order (so first-seen order is kept).</summary>
    public static IEnumerable<BronzeBatch> ReadEventDate(Stream stream, DateOnly eventDate, string location)
    {
        using var reader = ColumnarFileReader.Open(stream, location);
        reader.Require(BronzeTable.Columns, "bronze_events");
        var dates = RowGroupDates(reader, location);
        var wanted = eventDate.ToString("yyyy-MM-dd");
        var groups = Enumerable.Range(0, reader.RowGroupCount).Where(i => dates[i] == wanted).ToList();
        if (groups.Count == 0) yield break;
        using var batch = new BronzeBatch(groups.Max(reader.RowsIn));
        foreach (var i in groups)
        {
            batch.Count = reader.RowsIn(i);
            reader.ReadTexts(i, "source_file", batch.SourceFile);
            reader.ReadInt64(i, "source_line", batch.SourceLine);
            reader.ReadTexts(i, "event_id", batch.EventId);
            reader.ReadTexts(i, "student_id", batch.StudentId);
            reader.ReadInt64(i, "ts", batch.Ts);
            reader.ReadTexts(i, "event_type", batch.EventType);
            reader.ReadTexts(i, "page_url", batch.PageUrl);
            reader.ReadTexts(i, "screen_name", batch.ScreenName);
            reader.ReadTexts(i, "device", batch.Device);
            reader.ReadTexts(i, "browser", batch.Browser);
            reader.ReadTexts(i, "network", batch.Network);
            reader.ReadTexts(i, "course_id", batch.CourseId);
            reader.ReadTexts(i, "chapter_id", batch.ChapterId);
            reader.ReadDoubles(i, "time_spent_sec", batch.TimeSpentSec);
            yield return batch;
        }
    }

    /// <summary>The event date of each row group, from the file's metadata.</summary>
    private static string[] RowGroupDates(ColumnarFileReader reader, string location)
    {
        if (reader.RowGroupCount == 0) return [];
        if (!reader.KeyValues.TryGetValue(BronzeTable.RowGroupDatesKey, out var list))
            throw new InvalidDataException($"{location}: bronze file without '{BronzeTable.RowGroupDatesKey}' metadata.");
        var dates = list.Split(',');
        if (dates.Length != reader.RowGroupCount)
            throw new InvalidDataException($"{location}: {dates.Length} row-group dates for {reader.RowGroupCount} row groups.");
        return dates;
    }
}
