using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Unicode;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Buffers;
using Orchestrated.Domain.Text;

namespace Orchestrated.Storage.Parquet.Codec;

/// <summary>
/// Reads flat Parquet files column chunk by column chunk into the caller's arrays. Text comes out as UTF-8 slices
/// (checked to be valid UTF-8): each dictionary value once, with a code per row, and no string is made per value.
/// Buffers are reused from row group to row group: use what one read returned before the next read of the same
/// column. Reads the PLAIN and dictionary encodings, data pages v1 and
/// v2, and the Snappy, Zstd and Gzip codecs: what this system writes and what common writers produce for such tables.
/// </summary>
public sealed class ColumnarFileReader : IDisposable
{
    private readonly Stream _stream;
    private readonly FileMeta _meta;
    private readonly string _location;
    private readonly Dictionary<string, int> _columnIndex;
    private readonly Dictionary<string, TextBuffers> _textBuffers = [];
    private readonly PageCompression _decompressor = new(PageCodec.Uncompressed);
    private byte[] _chunk = [];
    private byte[] _page = [];
    private int[] _levels = [];
    private int[] _intScratch = [];
    private double[] _doubleScratch = [];
    private bool[] _definedScratch = [];
    private int[] _indexScratch = [];

    private ColumnarFileReader(Stream stream, FileMeta meta, string location)
    {
        // A damaged footer must not make a reader allocate for billions of rows.
        if (meta.RowGroups.Any(g => g.NumRows < 0 || g.NumRows > MaxRowGroupRows) || meta.RowGroups.Sum(g => g.NumRows) != meta.NumRows)
            throw new InvalidDataException($"{location}: the row counts of the Parquet footer disagree.");
        _stream = stream;
        _meta = meta;
        _location = location;
        _columnIndex = meta.Columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i);
    }

    public IReadOnlyList<ColumnSpec> Columns => _meta.Columns;
    public int RowGroupCount => _meta.RowGroups.Count;
    public long RowCount => _meta.NumRows;
    public IReadOnlyDictionary<string, string> KeyValues => _meta.KeyValues;

    public int RowsIn(int rowGroup) => checked((int)_meta.RowGroups[rowGroup].NumRows);

    /// <summary>Reads the footer. The stream must be seekable; it stays open.</summary>
    public static ColumnarFileReader Open(Stream stream, string location)
    {
        if (!stream.CanSeek) throw new ArgumentException("The Parquet reader needs a seekable stream.", nameof(stream));
        var footer = FooterCheck.Read(stream, location);
        try
        {
            return new ColumnarFileReader(stream, MetadataReader.ReadFileMetadata(footer, location), location);
        }
        catch (Exception e) when (IsCorruption(e) || e is InvalidDataException && !e.Message.StartsWith(location, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{location}: the Parquet footer is damaged ({e.Message}).", e);
        }
    }

    private bool NamesFile(Exception e) => e.Message.StartsWith(_location, StringComparison.Ordinal);

    /// <summary>What decoding damaged bytes throws besides our own checks: out-of-range numbers and indexes.</summary>
    private static bool IsCorruption(Exception e) =>
        e is OverflowException or IndexOutOfRangeException or ArgumentException or InvalidCastException;

    /// <summary>The largest page this reader decompresses: a damaged header cannot make it allocate gigabytes.</summary>
    private const int MaxPageBytes = 256 << 20;
    private const long MaxRowGroupRows = 1 << 26;

    private void ReadChunk(int rowGroup, string column, ChunkDecoder decoder)
    {
        try
        {
            ReadPages(rowGroup, column, decoder);
        }
        // Our own checks deep in the page decoders (a page header, levels, indexes) do not know the file: add it.
        catch (Exception e) when (IsCorruption(e) || (e is InvalidDataException && !NamesFile(e)))
        {
            throw new InvalidDataException($"{_location}, row group {rowGroup}, column '{column}': " +
                $"the column chunk is damaged ({e.Message}).", e);
        }
    }

    /// <summary>Checks that the file has every expected column with the expected kind and nullability.</summary>
    public void Require(IEnumerable<ColumnSpec> expected, string table)
    {
        foreach (var column in expected)
        {
            if (!_columnIndex.TryGetValue(column.Name, out var i))
                throw new InvalidDataException($"{_location}: column '{column.Name}' of {table} is missing.");
            var actual = _meta.Columns[i];
            if (actual.Kind != column.Kind || actual.Nullable != column.Nullable)
                throw new InvalidDataException($"{_location}: column '{column.Name}' is {actual.Kind}{(actual.Nullable ? "?" : "")}, " +
                    $"expected {column.Kind}{(column.Nullable ? "?" : "")}.");
        }
    }

    public void ReadInt64(int rowGroup, string column, long[] into) =>
        ReadChunk(rowGroup, column, new FixedDecoder<long>(into, null));

    public void ReadInt32(int rowGroup, string column, int[] into) =>
        ReadChunk(rowGroup, column, new FixedDecoder<int>(into, null));

    /// <summary>DATE columns: days since 1970-01-01.</summary>
    public void ReadDates(int rowGroup, string column, DateOnly[] into)
    {
        var rows = RowsIn(rowGroup);
        var days = Scratch(ref _intScratch, rows);
        ReadInt32(rowGroup, column, days);
        var last = DateOnly.MaxValue.DayNumber - UnixEpochDay;
        for (var i = 0; i < rows; i++)
        {
            if (days[i] < -UnixEpochDay || days[i] > last)
                throw new InvalidDataException($"{_location}, row group {rowGroup}, column '{column}': {days[i]} days is not a date.");
            into[i] = DateOnly.FromDayNumber(UnixEpochDay + days[i]);
        }
    }

    public void ReadDoubles(int rowGroup, string column, double?[] into)
    {
        var rows = RowsIn(rowGroup);
        var values = Scratch(ref _doubleScratch, rows);
        var defined = Scratch(ref _definedScratch, rows);
        ReadChunk(rowGroup, column, new FixedDecoder<double>(values, defined));
        for (var i = 0; i < rows; i++) into[i] = defined[i] ? values[i] : null;
    }

    /// <summary>A required BOOLEAN column (PLAIN: one bit per value, lowest bit first).</summary>
    public void ReadBooleans(int rowGroup, string column, bool[] into) =>
        ReadChunk(rowGroup, column, new BooleanDecoder(into));

    internal static readonly int UnixEpochDay = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>A working array of at least <paramref name="length"/>, borrowed once and kept until <see cref="Dispose"/>.</summary>
    private static T[] Scratch<T>(ref T[] array, int length)
    {
        if (array.Length < length) ArrayLoans.Grow(ref array, Math.Max(length, array.Length * 2), 0);
        return array;
    }

    /// <summary>Gives every borrowed buffer back. Text values read before must no longer be used.</summary>
    public void Dispose()
    {
        ArrayLoans.Return(ref _chunk);
        ArrayLoans.Return(ref _page);
        ArrayLoans.Return(ref _levels);
        ArrayLoans.Return(ref _intScratch);
        ArrayLoans.Return(ref _doubleScratch);
        ArrayLoans.Return(ref _definedScratch);
        ArrayLoans.Return(ref _indexScratch);
        foreach (var buffers in _textBuffers.Values) buffers.Dispose();
        _textBuffers.Clear();
    }

    /// <summary>A text column's values and codes; the values stay valid until this column is read again.</summary>
    public void ReadTexts(int rowGroup, string column, TextColumn into)
    {
        if (into.Codes.Length < RowsIn(rowGroup))
            throw new ArgumentException($"The column holds {into.Codes.Length} rows, the row group {RowsIn(rowGroup)}.");
        into.ClearValues();
        ReadChunk(rowGroup, column, new TextDecoder(Buffers(column), into, required: !ColumnOf(column).Nullable, this));
    }

    private ColumnSpec ColumnOf(string column) =>
        _columnIndex.TryGetValue(column, out var i)
            ? _meta.Columns[i]
            : throw new InvalidDataException($"{_location}: no column '{column}'.");

    private TextBuffers Buffers(string column)
    {
        if (!_textBuffers.TryGetValue(column, out var buffers)) _textBuffers[column] = buffers = new TextBuffers();
        buffers.Reset();
        return buffers;
    }

    private void ReadPages(int rowGroup, string column, ChunkDecoder decoder)
    {
        if (!_columnIndex.TryGetValue(column, out var index)) throw new InvalidDataException($"{_location}: no column '{column}'.");
        var spec = _meta.Columns[index];
        var group = _meta.RowGroups[rowGroup];
        var chunk = group.Columns.Count == _meta.Columns.Count
            ? group.Columns[index]
            : throw new InvalidDataException($"{_location}: row group {rowGroup} has {group.Columns.Count} columns, " +
                $"the schema {_meta.Columns.Count}.");
        var where = $"{_location}, row group {rowGroup}, column '{column}'";
        var rows = checked((int)group.NumRows);
        var start = chunk.StartOffset;
        var length = checked((int)Math.Min(chunk.TotalCompressedSize, _stream.Length - start));
        if (start < 4 || length < 0) throw new InvalidDataException($"{where}: the column chunk lies outside the file.");
        Scratch(ref _chunk, length);
        _stream.Seek(start, SeekOrigin.Begin);
        _stream.ReadExactly(_chunk, 0, length);

        var data = _chunk.AsSpan(0, length);
        var row = 0;
        var pos = 0;
        while (row < rows)
        {
            if (pos >= data.Length) throw new InvalidDataException($"{where}: pages end after {row} of {rows} rows.");
            var header = MetadataReader.ReadPageHeader(data[pos..], out var headerLength);
            pos += headerLength;
            if (header.CompressedSize < 0 || pos + header.CompressedSize > data.Length)
                throw new InvalidDataException($"{where}: a page runs past the column chunk.");
            var stored = data.Slice(pos, header.CompressedSize);
            pos += header.CompressedSize;
            switch (header.Type)
            {
                case PageType.DictionaryPage:
                    decoder.OnDictionary(Decompress(chunk.Codec, stored, header.UncompressedSize, where), header.NumValues, where);
                    break;
                case PageType.DataPage:
                {
                    var body = Decompress(chunk.Codec, stored, header.UncompressedSize, where);
                    var count = Math.Min(header.NumValues, rows - row);
                    var present = count;
                    if (spec.Nullable)
                    {
                        var levelBytes = BinaryPrimitives.ReadInt32LittleEndian(body);
                        if (levelBytes < 0 || 4 + levelBytes > body.Length)
                            throw new InvalidDataException($"{where}: definition levels run past the page.");
                        present = DecodeLevels(body.Slice(4, levelBytes), count, where);
                        body = body[(4 + levelBytes)..];
                    }
                    decoder.OnData(body, header.Encoding, row, count, present, spec.Nullable ? _levels : null, where);
                    row += count;
                    break;
                }
                case PageType.DataPageV2:
                {
                    var levelBytes = header.DefinitionLevelsLength + header.RepetitionLevelsLength;
                    if (header.RepetitionLevelsLength != 0) throw new InvalidDataException($"{where}: repetition levels in a flat column.");
                    if (levelBytes > stored.Length) throw new InvalidDataException($"{where}: definition levels run past the page.");
                    var count = Math.Min(header.NumValues, rows - row);
                    var present = spec.Nullable ? DecodeLevels(stored[..header.DefinitionLevelsLength], count, where) : count;
                    var values = stored[levelBytes..];
                    var body = header.IsCompressed ? Decompress(chunk.Codec, values, header.UncompressedSize - levelBytes, where) : values;
                    decoder.OnData(body, header.Encoding, row, count, present, spec.Nullable ? _levels : null, where);
                    row += count;
                    break;
                }
                default: break; // index pages: nothing to read
            }
        }
    }

    private int DecodeLevels(ReadOnlySpan<byte> data, int count, string where)
    {
        Scratch(ref _levels, Math.Max(count, ColumnarFileWriter.PageRows));
        RleHybrid.Decode(data, 1, _levels.AsSpan(0, count));
        var present = 0;
        for (var i = 0; i < count; i++)
        {
            if ((uint)_levels[i] > 1) throw new InvalidDataException($"{where}: definition level {_levels[i]} in a flat column.");
            present += _levels[i];
        }
        return present;
    }

    private ReadOnlySpan<byte> Decompress(PageCodec codec, ReadOnlySpan<byte> stored, int size, string where)
    {
        if (codec == PageCodec.Uncompressed) return stored;
        if (size < 0 || size > MaxPageBytes) throw new InvalidDataException($"{where}: a page of {size} bytes is impossible.");
        DecompressedSize.Check(codec, stored, size, where);
        Scratch(ref _page, size);
        _decompressor.Decompress(codec, stored, _page.AsSpan(0, size), where);
        return _page.AsSpan(0, size);
    }

    /// <summary>Turns the pages of one column chunk into values.</summary>
    private abstract class ChunkDecoder
    {
        public abstract void OnDictionary(ReadOnlySpan<byte> body, int count, string where);

        /// <param name="levels">Per row of the page, 1 present / 0 null; null for a required column.</param>
        public abstract void OnData(ReadOnlySpan<byte> body, PageEncoding encoding, int firstRow, int rows, int present, int[]? levels,
            string where);

        protected static ReadOnlySpan<int> DictionaryIndexes(ReadOnlySpan<byte> body, int present, int dictionarySize, int[] scratch,
            string where)
        {
            if (body.IsEmpty)
            {
                if (present == 0) return [];
                throw new InvalidDataException($"{where}: a dictionary page without indexes.");
            }
            var bitWidth = body[0];
            if (bitWidth > 32) throw new InvalidDataException($"{where}: dictionary index width {bitWidth}.");
            var indexes = scratch.AsSpan(0, present);
            RleHybrid.Decode(body[1..], bitWidth, indexes);
            foreach (var i in indexes)
                if ((uint)i >= (uint)dictionarySize)
                    throw new InvalidDataException($"{where}: dictionary index {i} of a dictionary of {dictionarySize}.");
            return indexes;
        }
    }

    private sealed class FixedDecoder<T>(T[] values, bool[]? defined) : ChunkDecoder where T : unmanaged
    {
        private T[] _dictionary = [];

        public override void OnDictionary(ReadOnlySpan<byte> body, int count, string where)
        {
            var size = Marshal.SizeOf<T>();
            if (body.Length < count * size) throw new InvalidDataException($"{where}: the dictionary page is too short.");
            _dictionary = MemoryMarshal.Cast<byte, T>(body[..(count * size)]).ToArray();
        }

        public override void OnData(ReadOnlySpan<byte> body, PageEncoding encoding, int firstRow, int rows, int present, int[]? levels,
            string where)
        {
            ReadOnlySpan<T> source;
            if (encoding == PageEncoding.Plain)
            {
                var size = Marshal.SizeOf<T>();
                if (body.Length < present * size)
                    throw new InvalidDataException($"{where}: the page holds fewer values than its levels say.");
                source = MemoryMarshal.Cast<byte, T>(body[..(present * size)]);
            }
            else if (encoding is PageEncoding.PlainDictionary or PageEncoding.RleDictionary)
            {
                var indexes = DictionaryIndexes(body, present, _dictionary.Length, new int[present], where);
                var decoded = new T[present];
                for (var i = 0; i < present; i++) decoded[i] = _dictionary[indexes[i]];
                source = decoded;
            }
            else throw new InvalidDataException($"{where}: encoding {encoding} is not supported by this reader.");

            var target = values.AsSpan(firstRow, rows);
            if (levels is null)
            {
                if (defined is null && rows == present) source.CopyTo(target);
                else for (var i = 0; i < rows; i++) { target[i] = source[i]; if (defined is not null) defined[firstRow + i] = true; }
                return;
            }
            if (defined is null && present != rows) throw new InvalidDataException($"{where}: nulls in a column read as required.");
            var v = 0;
            for (var i = 0; i < rows; i++)
            {
                var isDefined = levels[i] == 1;
                if (defined is not null) defined[firstRow + i] = isDefined;
                target[i] = isDefined ? source[v++] : default;
            }
        }
    }

    private sealed class BooleanDecoder(bool[] values) : ChunkDecoder
    {
        public override void OnDictionary(ReadOnlySpan<byte> body, int count, string where) =>
            throw new InvalidDataException($"{where}: a dictionary for a BOOLEAN column.");

        public override void OnData(ReadOnlySpan<byte> body, PageEncoding encoding, int firstRow, int rows, int present, int[]? levels,
            string where)
        {
            if (encoding != PageEncoding.Plain)
                throw new InvalidDataException($"{where}: BOOLEAN encoding {encoding} is not supported by this reader.");
            if (levels is not null) throw new InvalidDataException($"{where}: nullable BOOLEAN columns are not supported by this reader.");
            if (body.Length * 8L < rows) throw new InvalidDataException($"{where}: the page holds fewer values than its header says.");
            for (var i = 0; i < rows; i++) values[firstRow + i] = (body[i >> 3] & (1 << (i & 7))) != 0;
        }
    }

    /// <summary>The bytes of one text column's values, reused from row group to row group.</summary>
    private sealed class TextBuffers : IDisposable
    {
        private byte[] _bytes = ArrayLoans.Rent<byte>(1 << 16);
        private readonly List<byte[]> _outgrown = []; // still referenced by values handed out since the last reset
        private int _used;

        public void Reset()
        {
            for (var i = 0; i < _outgrown.Count; i++)
            {
                var old = _outgrown[i];
                ArrayLoans.Return(ref old);
            }
            _outgrown.Clear();
            _used = 0;
        }

        /// <summary>
        /// Copies one UTF-8 value into the buffer (pages are reused); values handed out earlier keep the old buffer if it grows.
        /// </summary>
        public ReadOnlyMemory<byte> Keep(ReadOnlySpan<byte> utf8, string where)
        {
            if (!Utf8.IsValid(utf8)) throw new InvalidDataException($"{where}: a text value is not valid UTF-8.");
            if (_used + utf8.Length > _bytes.Length)
            {
                _outgrown.Add(_bytes);
                _bytes = ArrayLoans.Rent<byte>(Math.Max(_bytes.Length * 2, utf8.Length + 1024));
                _used = 0;
            }
            utf8.CopyTo(_bytes.AsSpan(_used));
            var slice = new ReadOnlyMemory<byte>(_bytes, _used, utf8.Length);
            _used += utf8.Length;
            return slice;
        }

        public void Dispose()
        {
            Reset();
            ArrayLoans.Return(ref _bytes);
        }
    }

    /// <summary>
    /// Text into a <see cref="TextColumn"/>: a dictionary page becomes its values and dictionary-encoded rows their
    /// codes; plain-encoded rows (unique texts, or a writer's fallback when its dictionary grew too large) add a value each.
    /// </summary>
    private sealed class TextDecoder(TextBuffers buffers, TextColumn into, bool required, ColumnarFileReader reader) : ChunkDecoder
    {
        private int _dictionaryBase;
        private int _dictionarySize;

        public override void OnDictionary(ReadOnlySpan<byte> body, int count, string where)
        {
            _dictionaryBase = into.ValueCount;
            var pos = 0;
            for (var i = 0; i < count; i++) into.AddValue(buffers.Keep(NextValue(body, ref pos, where), where));
            _dictionarySize = count;
        }

        public override void OnData(ReadOnlySpan<byte> body, PageEncoding encoding, int firstRow, int rows, int present, int[]? levels,
            string where)
        {
            if (required && present != rows) throw new InvalidDataException($"{where}: nulls in a column read as required.");
            var codes = into.Codes.AsSpan(firstRow, rows);
            if (encoding == PageEncoding.Plain)
            {
                var pos = 0;
                for (var i = 0; i < rows; i++)
                    codes[i] = levels is not null && levels[i] == 0
                        ? TextColumn.Null
                        : into.AddValue(buffers.Keep(NextValue(body, ref pos, where), where));
                return;
            }
            if (encoding is not (PageEncoding.PlainDictionary or PageEncoding.RleDictionary))
                throw new InvalidDataException($"{where}: encoding {encoding} is not supported by this reader.");
            var scratch = Scratch(ref reader._indexScratch, Math.Max(present, ColumnarFileWriter.PageRows));
            var indexes = DictionaryIndexes(body, present, _dictionarySize, scratch, where);
            if (levels is null)
            {
                for (var i = 0; i < rows; i++) codes[i] = _dictionaryBase + indexes[i];
                return;
            }
            var v = 0;
            for (var i = 0; i < rows; i++) codes[i] = levels[i] == 0 ? TextColumn.Null : _dictionaryBase + indexes[v++];
        }

        private static ReadOnlySpan<byte> NextValue(ReadOnlySpan<byte> body, ref int pos, string where)
        {
            if (pos + 4 > body.Length) throw new InvalidDataException($"{where}: the page holds fewer values than its levels say.");
            var length = BinaryPrimitives.ReadInt32LittleEndian(body[pos..]);
            pos += 4;
            if (length < 0 || pos + length > body.Length) throw new InvalidDataException($"{where}: a text value runs past the page.");
            var value = body.Slice(pos, length);
            pos += length;
            return value;
        }
    }
}
