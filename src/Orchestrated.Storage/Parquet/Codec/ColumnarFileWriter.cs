using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Buffers;
using Orchestrated.Domain.Text;

namespace Orchestrated.Storage.Parquet.Codec;

/// <summary>
/// Writes a flat Parquet file row group by row group, column by column, straight from the caller's arrays: no
/// object per value, one reused buffer per page. Text is dictionary-encoded when it repeats (devices, pages,
/// students) and plain otherwise (event ids); pages are compressed one by one and streamed out, so memory is one
/// page, whatever the file's size. Every reader of the format (DuckDB, Arrow, Spark, Parquet.Net) reads the result.
/// </summary>
public sealed class ColumnarFileWriter
{
    /// <summary>Rows per data page: pages stay around a megabyte even for the widest text column.</summary>
    public const int PageRows = 32 * 1024;
    private static readonly byte[] Magic = "PAR1"u8.ToArray();
    private static readonly UTF8Encoding Utf8 = new(false, true);

    private readonly Stream _stream;
    private readonly IReadOnlyList<ColumnSpec> _columns;
    private readonly PageCompression _compression;
    /// <summary>Pages smaller than this say too little about a column's compressibility.</summary>
    private const int MinPageToJudge = 16 * 1024;
    private readonly bool[] _judged;
    private readonly bool[] _incompressible;
    private PageCodec _chunkCodec;
    private bool _firstPageOfChunk;
    private readonly List<RowGroupMeta> _rowGroups = [];
    private readonly ThriftWriter _thrift = new();
    private readonly ByteBuffer _body = new();
    private readonly ByteBuffer _compressed = new();
    private readonly SymbolDictionary _symbols = new();
    private readonly PlainTextWriter _writePlainText;
    private int[] _levels = ArrayLoans.Rent<int>(PageRows);
    private int[] _indexes = [];
    private double[] _doubles = [];
    private long _position;
    private List<ColumnChunkMeta>? _chunks;
    private int _rows;

    public ColumnarFileWriter(Stream stream, IReadOnlyList<ColumnSpec> columns, global::Parquet.CompressionMethod compression)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("The Parquet writer assumes a little-endian machine.");
        _stream = stream;
        _columns = columns;
        _compression = PageCompression.For(compression);
        _judged = new bool[columns.Count];
        _incompressible = new bool[columns.Count];
        _writePlainText = WritePlainText;
        _stream.Write(Magic);
        _position = Magic.Length;
    }

    public long RowsWritten { get; private set; }

    public void BeginRowGroup(int rows)
    {
        if (_chunks is not null) throw new InvalidOperationException("The previous row group is not finished.");
        _chunks = new List<ColumnChunkMeta>(_columns.Count);
        _rows = rows;
    }

    public void EndRowGroup()
    {
        var chunks = _chunks ?? throw new InvalidOperationException("No row group was begun.");
        if (chunks.Count != _columns.Count)
            throw new InvalidOperationException($"Row group ended after {chunks.Count} of {_columns.Count} columns.");
        _rowGroups.Add(new RowGroupMeta
        {
            Columns = chunks, NumRows = _rows, FileOffset = chunks[0].StartOffset,
            TotalByteSize = chunks.Sum(c => c.TotalUncompressedSize), TotalCompressedSize = chunks.Sum(c => c.TotalCompressedSize),
        });
        RowsWritten += _rows;
        _chunks = null;
    }

    /// <summary>Writes the footer (with <paramref name="keyValues"/> as the file's key-value metadata) and flushes.</summary>
    public void Complete(IReadOnlyDictionary<string, string>? keyValues = null)
    {
        if (_chunks is not null) throw new InvalidOperationException("The last row group is not finished.");
        MetadataWriter.WriteFileMetadata(_thrift, new FileMeta
        {
            Columns = [.. _columns], RowGroups = _rowGroups, NumRows = RowsWritten,
            KeyValues = keyValues is null ? [] : new Dictionary<string, string>(keyValues),
        });
        _stream.Write(_thrift.Written);
        LittleEndian.WriteInt32(_stream, _thrift.Length);
        _stream.Write(Magic);
        _stream.Flush();
        // The working buffers go back to the pool; the writer is finished.
        ArrayLoans.Return(ref _levels);
        ArrayLoans.Return(ref _indexes);
        ArrayLoans.Return(ref _doubles);
        _body.Release();
        _compressed.Release();
    }

    public void WriteInt64(ReadOnlySpan<long> values)
    {
        var column = Next(values.Length, ColumnKind.Int64, ColumnKind.Timestamp);
        WriteRequiredFixed(column, values, Range(values));
    }

    public void WriteInt32(ReadOnlySpan<int> values)
    {
        var column = Next(values.Length, ColumnKind.Int32, ColumnKind.Date);
        WriteRequiredFixed(column, values, Range(values));
    }

    /// <summary>Min and max, for the chunk's statistics (readers use them to skip row groups).</summary>
    private static (long Min, long Max)? Range<T>(ReadOnlySpan<T> values) where T : System.Numerics.INumber<T>
    {
        if (values.IsEmpty) return null;
        var (min, max) = (values[0], values[0]);
        foreach (var v in values)
        {
            if (v < min) min = v;
            if (v > max) max = v;
        }
        return (long.CreateTruncating(min), long.CreateTruncating(max));
    }

    /// <summary>Required numbers: PLAIN is their little-endian bytes as they sit in memory.</summary>
    private void WriteRequiredFixed<T>(ColumnSpec column, ReadOnlySpan<T> values, (long Min, long Max)? range) where T : unmanaged
    {
        var start = _position;
        var (uncompressed, compressed) = (0L, 0L);
        for (var offset = 0; offset < values.Length || offset == 0; offset += PageRows)
        {
            var page = values.Slice(offset, Math.Min(PageRows, values.Length - offset));
            _body.Clear();
            _body.Write(MemoryMarshal.AsBytes(page));
            Accumulate(WritePage(PageType.DataPage, page.Length, PageEncoding.Plain), ref uncompressed, ref compressed);
            if (values.Length == 0) break;
        }
        Finish(column, start, null, uncompressed, compressed, [PageEncoding.Plain, PageEncoding.Rle], 0, range?.Min, range?.Max);
    }

    /// <summary>Doubles of a required column (no statistics: min/max are kept for integers only).</summary>
    public void WriteDoubles(ReadOnlySpan<double> values)
    {
        var column = Next(values.Length, ColumnKind.Double);
        if (column.Nullable) throw new InvalidOperationException($"Column '{column.Name}' is nullable: write it with nullable values.");
        WriteRequiredFixed(column, values, null);
    }

    /// <summary>Required booleans: PLAIN is one bit per value, the first value in the lowest bit.</summary>
    public void WriteBooleans(ReadOnlySpan<bool> values)
    {
        var column = Next(values.Length, ColumnKind.Boolean);
        if (column.Nullable)
            throw new InvalidOperationException($"Column '{column.Name}' is nullable; only required booleans are written.");
        var start = _position;
        var (uncompressed, compressed) = (0L, 0L);
        for (var offset = 0; offset < values.Length || offset == 0; offset += PageRows)
        {
            var page = values.Slice(offset, Math.Min(PageRows, values.Length - offset));
            _body.Clear();
            var bits = _body.Reserve((page.Length + 7) / 8);
            bits.Clear();
            for (var i = 0; i < page.Length; i++)
                if (page[i]) bits[i >> 3] |= (byte)(1 << (i & 7));
            _body.Advance(bits.Length);
            Accumulate(WritePage(PageType.DataPage, page.Length, PageEncoding.Plain), ref uncompressed, ref compressed);
            if (values.Length == 0) break;
        }
        Finish(column, start, null, uncompressed, compressed, [PageEncoding.Plain, PageEncoding.Rle], 0, null, null);
    }

    public void WriteDoubles(ReadOnlySpan<double?> values)
    {
        var column = Next(values.Length, ColumnKind.Double);
        var start = _position;
        var (uncompressed, compressed, nulls) = (0L, 0L, 0L);
        if (_doubles.Length < PageRows) ArrayLoans.Grow(ref _doubles, PageRows, 0);
        for (var offset = 0; offset < values.Length || offset == 0; offset += PageRows)
        {
            var page = values.Slice(offset, Math.Min(PageRows, values.Length - offset));
            var present = 0;
            for (var i = 0; i < page.Length; i++)
            {
                var defined = page[i].HasValue;
                _levels[i] = defined ? 1 : 0;
                if (defined) _doubles[present++] = page[i]!.Value;
                else if (!column.Nullable) throw NullInRequired(column);
            }
            nulls += page.Length - present;
            _body.Clear();
            if (column.Nullable) WriteLevels(_levels.AsSpan(0, page.Length));
            _body.Write(MemoryMarshal.AsBytes(_doubles.AsSpan(0, present)));
            Accumulate(WritePage(PageType.DataPage, page.Length, PageEncoding.Plain), ref uncompressed, ref compressed);
            if (values.Length == 0) break;
        }
        Finish(column, start, null, uncompressed, compressed, [PageEncoding.Plain, PageEncoding.Rle], nulls, null, null);
    }

    /// <summary>Text unique to each row (ids), as strings: plain-encoded.</summary>
    public void WriteUniqueStrings(ReadOnlySpan<string?> values) => WritePlainTexts(new StringTexts(values), values.Length);

    /// <summary>Text as ids into a symbol table (<see cref="SymbolTable.None"/> for null): dictionary-encoded.</summary>
    public void WriteSymbols(ReadOnlySpan<int> symbols, SymbolTable table)
    {
        var column = Next(symbols.Length, ColumnKind.Text);
        _symbols.Clear(table);
        EnsureIndexes(symbols.Length);
        for (var i = 0; i < symbols.Length; i++)
        {
            var symbol = symbols[i];
            if (symbol == SymbolTable.None && !column.Nullable) throw NullInRequired(column);
            _indexes[i] = symbol == SymbolTable.None ? -1 : _symbols.IndexOf(symbol);
        }
        WriteDictionaryColumn(column, symbols.Length, _symbols.Count, (d, write) => write(table.Bytes(_symbols[d])));
    }

    /// <summary>
    /// Text unique to each row (ids, JSON documents) as arena handles (<see cref="TextArena.None"/> for null): plain-encoded.
    /// </summary>
    public void WriteTexts(ReadOnlySpan<long> handles, TextArena arena) => WritePlainTexts(new ArenaTexts(handles, arena), handles.Length);

    /// <summary>Where the texts of a plain-encoded column come from; a struct, so the loop is specialised for each.</summary>
    private interface IPlainTexts
    {
        bool IsNull(int row);
        void Write(int row, ColumnarFileWriter writer);
    }

    private readonly ref struct ArenaTexts(ReadOnlySpan<long> handles, TextArena arena) : IPlainTexts
    {
        private readonly ReadOnlySpan<long> _handles = handles;

        public bool IsNull(int row) => _handles[row] == TextArena.None;
        public void Write(int row, ColumnarFileWriter writer) => writer.WritePlainText(arena.Span(_handles[row]));
    }

    private readonly ref struct StringTexts(ReadOnlySpan<string?> values) : IPlainTexts
    {
        private readonly ReadOnlySpan<string?> _values = values;

        public bool IsNull(int row) => _values[row] is null;
        public void Write(int row, ColumnarFileWriter writer) => writer.WritePlainText(_values[row]!);
    }

    private void WritePlainTexts<TTexts>(TTexts texts, int rows) where TTexts : IPlainTexts, allows ref struct
    {
        var column = Next(rows, ColumnKind.Text);
        var start = _position;
        var (uncompressed, compressed, nulls) = (0L, 0L, 0L);
        for (var offset = 0; offset < rows || offset == 0; offset += PageRows)
        {
            var count = Math.Min(PageRows, rows - offset);
            for (var i = 0; i < count; i++)
            {
                var isNull = texts.IsNull(offset + i);
                _levels[i] = isNull ? 0 : 1;
                if (isNull && !column.Nullable) throw NullInRequired(column);
            }
            _body.Clear();
            if (column.Nullable) WriteLevels(_levels.AsSpan(0, count));
            for (var i = 0; i < count; i++)
            {
                if (_levels[i] == 0) nulls++;
                else texts.Write(offset + i, this);
            }
            Accumulate(WritePage(PageType.DataPage, count, PageEncoding.Plain), ref uncompressed, ref compressed);
            if (rows == 0) break;
        }
        Finish(column, start, null, uncompressed, compressed, [PageEncoding.Plain, PageEncoding.Rle], nulls, null, null);
    }

    private delegate void DictionaryEntryWriter(int entry, PlainTextWriter write);

    private delegate void PlainTextWriter(ReadOnlySpan<byte> utf8);

    /// <summary>
    /// The dictionary page (its <paramref name="entries"/> written by <paramref name="writeEntry"/>), then the index pages of
    /// <see cref="_indexes"/>.
    /// </summary>
    private void WriteDictionaryColumn(ColumnSpec column, int rows, int entries, DictionaryEntryWriter writeEntry)
    {
        var start = _position;
        var (uncompressed, compressed, nulls) = (0L, 0L, 0L);
        _body.Clear();
        for (var d = 0; d < entries; d++) writeEntry(d, _writePlainText);
        Accumulate(WritePage(PageType.DictionaryPage, entries, PageEncoding.Plain), ref uncompressed, ref compressed);
        var dataStart = _position;
        var bitWidth = Math.Max(1, RleHybrid.BitWidth(entries - 1));
        for (var offset = 0; offset < rows || offset == 0; offset += PageRows)
        {
            var count = Math.Min(PageRows, rows - offset);
            var page = _indexes.AsSpan(offset, count);
            var present = 0;
            for (var i = 0; i < count; i++)
            {
                var defined = page[i] >= 0;
                _levels[i] = defined ? 1 : 0;
                if (defined) page[present++] = page[i]; // compacts in place: index i is read before present (≤ i) is written
            }
            nulls += count - present;
            _body.Clear();
            if (column.Nullable) WriteLevels(_levels.AsSpan(0, count));
            _body.WriteByte((byte)bitWidth);
            RleHybrid.Encode(page[..present], bitWidth, _body);
            Accumulate(WritePage(PageType.DataPage, count, PageEncoding.RleDictionary), ref uncompressed, ref compressed);
            if (rows == 0) break;
        }
        Finish(column, dataStart, start, uncompressed, compressed,
            [PageEncoding.Plain, PageEncoding.Rle, PageEncoding.RleDictionary], nulls, null, null);
    }

    /// <summary>PLAIN byte array: a little-endian length, then the UTF-8 bytes.</summary>
    private void WritePlainText(ReadOnlySpan<byte> utf8)
    {
        var bytes = _body.Reserve(4 + utf8.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes, utf8.Length);
        utf8.CopyTo(bytes[4..]);
        _body.Advance(4 + utf8.Length);
    }

    private void WritePlainText(string text)
    {
        var bytes = _body.Reserve(4 + Utf8.GetMaxByteCount(text.Length));
        var length = Utf8.GetBytes(text, bytes[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(bytes, length);
        _body.Advance(4 + length);
    }

    /// <summary>Definition levels (0 null, 1 present) of a data page v1: their byte length, then the RLE hybrid.</summary>
    private void WriteLevels(ReadOnlySpan<int> levels)
    {
        var lengthAt = _body.Length;
        _body.Advance(4);
        RleHybrid.Encode(levels, 1, _body);
        BinaryPrimitives.WriteInt32LittleEndian(_body.Array.AsSpan(lengthAt), _body.Length - lengthAt - 4);
    }

    /// <summary>
    /// Compresses the page body in <see cref="_body"/> with the chunk's codec, writes header and page; returns
    /// (uncompressed, compressed) bytes incl. header. The first sizeable page of a column decides whether compressing
    /// it pays: a column that does not shrink by a sixth (random ids, dictionary indexes) is stored uncompressed from
    /// then on, in this file — compressing it would cost CPU on every write and read and save next to nothing.
    /// </summary>
    private (long, long) WritePage(PageType type, int values, PageEncoding encoding)
    {
        var stored = _body.Written;
        if (_chunkCodec != PageCodec.Uncompressed)
        {
            _compression.Compress(stored, _compressed);
            var decides = _firstPageOfChunk && stored.Length >= MinPageToJudge && !_judged[_chunks!.Count];
            if (decides)
            {
                _judged[_chunks!.Count] = true;
                _incompressible[_chunks.Count] = _compressed.Length * 6L > stored.Length * 5L;
                if (_incompressible[_chunks.Count]) _chunkCodec = PageCodec.Uncompressed;
            }
            if (_chunkCodec != PageCodec.Uncompressed) stored = _compressed.Written;
        }
        _firstPageOfChunk = false;
        var header = new PageHeader
        {
            Type = type, UncompressedSize = _body.Length, CompressedSize = stored.Length, NumValues = values, Encoding = encoding,
        };
        MetadataWriter.WritePageHeader(_thrift, header);
        _stream.Write(_thrift.Written);
        _stream.Write(stored);
        var headerBytes = _thrift.Length;
        _position += headerBytes + stored.Length;
        return (headerBytes + _body.Length, headerBytes + stored.Length);
    }

    private static void Accumulate((long Uncompressed, long Compressed) page, ref long uncompressed, ref long compressed)
    {
        uncompressed += page.Uncompressed;
        compressed += page.Compressed;
    }

    private ColumnSpec Next(int values, params ColumnKind[] kinds)
    {
        var chunks = _chunks ?? throw new InvalidOperationException("No row group was begun.");
        if (chunks.Count >= _columns.Count) throw new InvalidOperationException("More columns written than the schema has.");
        var column = _columns[chunks.Count];
        if (!kinds.Contains(column.Kind))
            throw new InvalidOperationException($"Column '{column.Name}' is {column.Kind}, written as {kinds[0]}.");
        if (values != _rows)
            throw new InvalidOperationException($"Column '{column.Name}' has {values} values for a row group of {_rows} rows.");
        _chunkCodec = _incompressible[chunks.Count] ? PageCodec.Uncompressed : _compression.Codec;
        _firstPageOfChunk = true;
        return column;
    }

    private void Finish(ColumnSpec column, long dataOffset, long? dictionaryOffset, long uncompressed, long compressed,
        List<PageEncoding> encodings, long nulls, long? min, long? max)
    {
        _chunks!.Add(new ColumnChunkMeta
        {
            Name = column.Name, Type = column.Physical, Encodings = encodings, Codec = _chunkCodec, NumValues = _rows,
            TotalUncompressedSize = uncompressed, TotalCompressedSize = compressed, DataPageOffset = dataOffset,
            DictionaryPageOffset = dictionaryOffset, NullCount = nulls, Min = min, Max = max,
        });
    }

    private void EnsureIndexes(int rows)
    {
        if (_indexes.Length < rows) ArrayLoans.Grow(ref _indexes, rows, 0);
    }

    private static InvalidDataException NullInRequired(ColumnSpec column) =>
        new($"Column '{column.Name}' is required but a value is null.");

    /// <summary>
    /// The distinct symbols of one column chunk, in order of first appearance. A symbol table holds each text once,
    /// so distinct symbols are distinct texts: the dictionary is an array indexed by symbol.
    /// </summary>
    private sealed class SymbolDictionary
    {
        private int[] _bySymbol = [];
        private readonly List<int> _entries = [];

        public int Count => _entries.Count;
        public int this[int index] => _entries[index];

        public void Clear(SymbolTable table)
        {
            foreach (var symbol in _entries) _bySymbol[symbol] = -1;
            _entries.Clear();
            if (_bySymbol.Length < table.Count)
            {
                var old = _bySymbol.Length;
                Array.Resize(ref _bySymbol, Math.Max(table.Count, old * 2));
                _bySymbol.AsSpan(old).Fill(-1);
            }
        }

        public int IndexOf(int symbol)
        {
            ref var index = ref _bySymbol[symbol];
            if (index < 0)
            {
                index = _entries.Count;
                _entries.Add(symbol);
            }
            return index;
        }
    }
}
