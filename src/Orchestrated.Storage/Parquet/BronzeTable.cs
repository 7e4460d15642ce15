using Orchestrated.Domain.Events;
using Parquet;
using Parquet.Schema;

namespace Orchestrated.Storage.Parquet;

/// <summary>
/// <c>bronze/events</c>: raw events typed, one file per raw-arrival date, every row group holding a single event
/// date (named in the file's metadata) so cleaning a date reads only its row groups.
/// </summary>
public static class BronzeTable
{
    public const string RowGroupDatesKey = "orchestrated.row_group_event_dates";

    public static readonly DataField SourceFile = new DataField<string>("source_file", false);
    public static readonly DataField SourceLine = new DataField<long>("source_line", false);
    public static readonly DataField EventId = new DataField<string>("event_id", true);
    public static readonly DataField StudentId = new DataField<string>("student_id", false);
    public static readonly DataField Ts = Columns.Timestamp("ts");
    public static readonly DataField EventType = new DataField<string>("event_type", true);
    public static readonly DataField PageUrl = new DataField<string>("page_url", true);
    public static readonly DataField ScreenName = new DataField<string>("screen_name", true);
    public static readonly DataField Device = new DataField<string>("device", true);
    public static readonly DataField Browser = new DataField<string>("browser", true);
    public static readonly DataField Network = new DataField<string>("network", true);
    public static readonly DataField CourseId = new DataField<string>("course_id", true);
    public static readonly DataField ChapterId = new DataField<string>("chapter_id", true);
    public static readonly DataField TimeSpentSec = new DataField<double?>("time_spent_sec");
    public static readonly DataField Metadata = new DataField<string>("metadata", true);
    public static readonly DataField Extra = new DataField<string>("extra", true);

    public static readonly TableSchema Schema = new("bronze_events", SourceFile, SourceLine, EventId, StudentId, Ts, EventType,
        PageUrl, ScreenName, Device, Browser, Network, CourseId, ChapterId, TimeSpentSec, Metadata, Extra);

    internal static readonly string[] DictionaryColumns =
        ["source_file", "student_id", "event_type", "page_url", "screen_name", "device", "browser", "network", "course_id", "chapter_id"];
}

/// <summary>
/// Rows of one event date waiting to become a bronze row group. The texts unique to each event are copied into
/// an arena that is reused after every flush, so buffering costs no object per event.
/// </summary>
public sealed class BronzeRowBuffer(int capacity)
{
    private readonly Domain.Cleaning.TextArena _arena = new();

    public int Capacity { get; } = capacity;
    public int Count { get; private set; }
    internal readonly string?[] SourceFile = new string?[capacity];
    internal readonly long[] SourceLine = new long[capacity];
    internal readonly ReadOnlyMemory<char>?[] EventId = new ReadOnlyMemory<char>?[capacity];
    internal readonly string?[] StudentId = new string?[capacity];
    internal readonly long[] Ts = new long[capacity];
    internal readonly string?[] EventType = new string?[capacity];
    internal readonly string?[] PageUrl = new string?[capacity];
    internal readonly string?[] ScreenName = new string?[capacity];
    internal readonly string?[] Device = new string?[capacity];
    internal readonly string?[] Browser = new string?[capacity];
    internal readonly string?[] Network = new string?[capacity];
    internal readonly string?[] CourseId = new string?[capacity];
    internal readonly string?[] ChapterId = new string?[capacity];
    internal readonly double?[] TimeSpentSec = new double?[capacity];
    internal readonly ReadOnlyMemory<char>?[] Metadata = new ReadOnlyMemory<char>?[capacity];
    internal readonly ReadOnlyMemory<char>?[] Extra = new ReadOnlyMemory<char>?[capacity];

    public bool IsFull => Count == Capacity;

    public void Add(RawEvent e, string sourceFile, long line)
    {
        var i = Count++;
        SourceFile[i] = sourceFile;
        SourceLine[i] = line;
        EventId[i] = Keep(e.EventId);
        StudentId[i] = e.StudentId;
        Ts[i] = e.TimestampMicros;
        EventType[i] = e.EventType;
        PageUrl[i] = e.PageUrl;
        ScreenName[i] = e.ScreenName;
        Device[i] = e.Device;
        Browser[i] = e.Browser;
        Network[i] = e.Network;
        CourseId[i] = e.CourseId;
        ChapterId[i] = e.ChapterId;
        TimeSpentSec[i] = e.TimeSpentSec;
        Metadata[i] = Keep(e.Metadata);
        Extra[i] = Keep(e.Extra);
    }

    public void Clear()
    {
        Array.Clear(SourceFile, 0, Count);
        foreach (var column in new[] { StudentId, EventType, PageUrl, ScreenName, Device, Browser, Network, CourseId, ChapterId })
            Array.Clear(column, 0, Count);
        foreach (var column in new[] { EventId, Metadata, Extra }) Array.Clear(column, 0, Count);
        _arena.Reset();
        Count = 0;
    }

    private ReadOnlyMemory<char>? Keep(ReadOnlyMemory<char>? text) => text is null ? null : _arena.Memory(_arena.Add(text.Value.Span));
}

/// <summary>Writes a bronze file row group by row group; <see cref="CompleteAsync"/> records which event date each holds.</summary>
public sealed class BronzeFileWriter : IAsyncDisposable
{
    private readonly ParquetWriter _writer;
    private readonly List<string> _rowGroupDates = [];

    private BronzeFileWriter(ParquetWriter writer) => _writer = writer;

    public long RowsWritten { get; private set; }

    public static async Task<BronzeFileWriter> CreateAsync(Stream stream, ParquetSettings settings, CancellationToken ct) =>
        new(await ParquetFiles.CreateWriterAsync(BronzeTable.Schema, stream, settings.OptionsFor(BronzeTable.DictionaryColumns), ct));

    public async Task WriteRowGroupAsync(BronzeRowBuffer b, DateOnly eventDate)
    {
        if (b.Count == 0) return;
        var n = b.Count;
        using (var g = _writer.CreateRowGroup())
        {
            await Columns.WriteTextAsync(g, BronzeTable.SourceFile, b.SourceFile, 0, n);
            await Columns.WriteAsync(g, BronzeTable.SourceLine, b.SourceLine, 0, n);
            await Columns.WriteTextAsync(g, BronzeTable.EventId, b.EventId, 0, n);
            await Columns.WriteTextAsync(g, BronzeTable.StudentId, b.StudentId, 0, n);
            await Columns.WriteTimestampsAsync(g, BronzeTable.Ts, b.Ts, 0, n);
            await Columns.WriteTextAsync(g, BronzeTable.EventType, b.EventType, 0, n);
            await Columns.WriteTextAsync(g, BronzeTable.PageUrl, b.PageUrl, 0, n);
            await Columns.WriteTextAsync(g, BronzeTable.ScreenName, b.ScreenName, 0, n);
            await Columns.WriteTextAsync(g, BronzeTable.Device, b.Device, 0, n);
            await Columns.WriteTextAsync(g, BronzeTable.Browser, b.Browser, 0, n);
            await Columns.WriteTextAsync(g, BronzeTable.Network, b.Network, 0, n);
            await Columns.WriteTextAsync(g, BronzeTable.CourseId, b.CourseId, 0, n);
            await Columns.WriteTextAsync(g, BronzeTable.ChapterId, b.ChapterId, 0, n);
            await Columns.WriteAsync(g, BronzeTable.TimeSpentSec, b.TimeSpentSec, 0, n);
            await Columns.WriteTextAsync(g, BronzeTable.Metadata, b.Metadata, 0, n);
            await Columns.WriteTextAsync(g, BronzeTable.Extra, b.Extra, 0, n);
        }
        _rowGroupDates.Add(eventDate.ToString("yyyy-MM-dd"));
        RowsWritten += n;
    }

    public async Task CompleteAsync()
    {
        _writer.CustomMetadata = new Dictionary<string, string> { [BronzeTable.RowGroupDatesKey] = string.Join(',', _rowGroupDates) };
        await _writer.DisposeAsync();
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}

/// <summary>
/// One bronze row group's columns, as cleaning reads them. The reader reuses one batch (and its arrays) for every
/// row group: use the rows before asking for the next batch.
/// </summary>
public sealed class BronzeBatch(int capacity)
{
    public int Count { get; internal set; }
    public ReadOnlyMemory<char>[] SourceFile { get; } = new ReadOnlyMemory<char>[capacity];
    public long[] SourceLine { get; } = new long[capacity];
    public ReadOnlyMemory<char>?[] EventId { get; } = new ReadOnlyMemory<char>?[capacity];
    public ReadOnlyMemory<char>[] StudentId { get; } = new ReadOnlyMemory<char>[capacity];
    public long[] Ts { get; } = new long[capacity];
    public ReadOnlyMemory<char>?[] EventType { get; } = new ReadOnlyMemory<char>?[capacity];
    public ReadOnlyMemory<char>?[] PageUrl { get; } = new ReadOnlyMemory<char>?[capacity];
    public ReadOnlyMemory<char>?[] ScreenName { get; } = new ReadOnlyMemory<char>?[capacity];
    public ReadOnlyMemory<char>?[] Device { get; } = new ReadOnlyMemory<char>?[capacity];
    public ReadOnlyMemory<char>?[] Browser { get; } = new ReadOnlyMemory<char>?[capacity];
    public ReadOnlyMemory<char>?[] Network { get; } = new ReadOnlyMemory<char>?[capacity];
    public ReadOnlyMemory<char>?[] CourseId { get; } = new ReadOnlyMemory<char>?[capacity];
    public ReadOnlyMemory<char>?[] ChapterId { get; } = new ReadOnlyMemory<char>?[capacity];
    public double?[] TimeSpentSec { get; } = new double?[capacity];
    internal DateTime[] TimestampScratch { get; } = new DateTime[capacity];
}

public static class BronzeFileReader
{
    /// <summary>The row groups of one event date, in file order (so first-seen order is kept).</summary>
    public static async IAsyncEnumerable<BronzeBatch> ReadEventDateAsync(Stream stream, DateOnly eventDate, string location,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var reader = await ParquetFiles.OpenAsync(stream, ct);
        var f = BronzeTable.Schema.Bind(reader, location);
        var dates = RowGroupDates(reader, location);
        var wanted = eventDate.ToString("yyyy-MM-dd");
        var groups = Enumerable.Range(0, reader.RowGroupCount).Where(i => dates[i] == wanted).ToList();
        if (groups.Count == 0) yield break;
        var batch = new BronzeBatch((int)groups.Max(i => reader.Metadata!.RowGroups[i].NumRows));
        foreach (var i in groups)
        {
            using var g = reader.OpenRowGroupReader(i);
            batch.Count = (int)g.RowCount;
            await Columns.ReadIntoAsync(g, f["source_file"], batch.SourceFile);
            await Columns.ReadIntoAsync(g, f["source_line"], batch.SourceLine);
            await Columns.ReadIntoAsync(g, f["event_id"], batch.EventId);
            await Columns.ReadIntoAsync(g, f["student_id"], batch.StudentId);
            await Columns.ReadTimestampsIntoAsync(g, f["ts"], batch.TimestampScratch, batch.Ts);
            await Columns.ReadIntoAsync(g, f["event_type"], batch.EventType);
            await Columns.ReadIntoAsync(g, f["page_url"], batch.PageUrl);
            await Columns.ReadIntoAsync(g, f["screen_name"], batch.ScreenName);
            await Columns.ReadIntoAsync(g, f["device"], batch.Device);
            await Columns.ReadIntoAsync(g, f["browser"], batch.Browser);
            await Columns.ReadIntoAsync(g, f["network"], batch.Network);
            await Columns.ReadIntoAsync(g, f["course_id"], batch.CourseId);
            await Columns.ReadIntoAsync(g, f["chapter_id"], batch.ChapterId);
            await Columns.ReadIntoAsync(g, f["time_spent_sec"], batch.TimeSpentSec);
            yield return batch;
        }
    }

    /// <summary>The event date of each row group, from the file's metadata.</summary>
    public static string[] RowGroupDates(ParquetReader reader, string location)
    {
        if (reader.RowGroupCount == 0) return [];
        if (!reader.CustomMetadata.TryGetValue(BronzeTable.RowGroupDatesKey, out var list))
            throw new InvalidDataException($"{location}: bronze file without '{BronzeTable.RowGroupDatesKey}' metadata.");
        var dates = list.Split(',');
        if (dates.Length != reader.RowGroupCount)
            throw new InvalidDataException($"{location}: {dates.Length} row-group dates for {reader.RowGroupCount} row groups.");
        return dates;
    }
}
