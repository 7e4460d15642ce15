using Orchestrated.Domain.Buffers;
using Orchestrated.Domain.Events;
using Orchestrated.Domain.Text;

namespace Orchestrated.Storage.Parquet;

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
