namespace Orchestrated.Storage.Parquet.Codec;

/// <summary>
/// Parses a Parquet footer and page headers. Flat schemas only (a root and its leaf columns); fields this codec does
/// not use are skipped, so files from other writers (Parquet.Net, Arrow, Spark, DuckDB) read as long as their
/// columns are of the kinds in <see cref="ColumnKind"/>.
/// </summary>
internal static class MetadataReader
{
    public static FileMeta ReadFileMetadata(ReadOnlySpan<byte> data, string location)
    {
        var r = new ThriftReader(data);
        var columns = new List<ColumnSpec>();
        var rowGroups = new List<RowGroupMeta>();
        var keyValues = new Dictionary<string, string>();
        long numRows = 0;
        var createdBy = "";
        var outer = r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 2 when type == ThriftType.List:
                {
                    var (_, count) = r.ReadListHeader();
                    for (var i = 0; i < count; i++)
                    {
                        var element = ReadSchemaElement(ref r, location);
                        if (i == 0) continue; // the root
                        if (element.Children > 0)
                            throw new InvalidDataException($"{location}: column '{element.Name}' is nested; only flat tables are read.");
                        columns.Add(element.ToSpec(location));
                    }
                    break;
                }
                case 3 when type == ThriftType.I64: numRows = r.ReadI64(); break;
                case 4 when type == ThriftType.List:
                {
                    var (_, count) = r.ReadListHeader();
                    for (var i = 0; i < count; i++) rowGroups.Add(ReadRowGroup(ref r));
                    break;
                }
                case 5 when type == ThriftType.List:
                {
                    var (_, count) = r.ReadListHeader();
                    for (var i = 0; i < count; i++)
                    {
                        var (key, value) = ReadKeyValue(ref r);
                        keyValues[key] = value;
                    }
                    break;
                }
                case 6 when type == ThriftType.Binary: createdBy = r.ReadString(); break;
                default: r.Skip(type); break;
            }
        }
        r.EndStruct(outer);
        return new FileMeta { Columns = columns, RowGroups = rowGroups, NumRows = numRows, KeyValues = keyValues, CreatedBy = createdBy };
    }

    /// <summary>Reads a page header at the start of <paramref name="data"/>; <paramref name="length"/> is its size in bytes.</summary>
    public static PageHeader ReadPageHeader(ReadOnlySpan<byte> data, out int length)
    {
        var r = new ThriftReader(data);
        var h = new PageHeader { IsCompressed = true };
        var outer = r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1: h.Type = (PageType)r.ReadI32(); break;
                case 2: h.UncompressedSize = r.ReadI32(); break;
                case 3: h.CompressedSize = r.ReadI32(); break;
                case 5 or 7 or 8 when type == ThriftType.Struct:
                {
                    var inner = r.BeginStruct();
                    while (r.NextField(out var f, out var t))
                    {
                        switch (id, f)
                        {
                            case (_, 1): h.NumValues = r.ReadI32(); break;
                            case (5, 2) or (7, 2): h.Encoding = (PageEncoding)r.ReadI32(); break;
                            case (8, 2): h.NumNulls = r.ReadI32(); break;
                            case (8, 4): h.Encoding = (PageEncoding)r.ReadI32(); break;
                            case (8, 5): h.DefinitionLevelsLength = r.ReadI32(); break;
                            case (8, 6): h.RepetitionLevelsLength = r.ReadI32(); break;
                            case (8, 7): h.IsCompressed = r.ReadBool(); break;
                            default: r.Skip(t); break;
                        }
                    }
                    r.EndStruct(inner);
                    break;
                }
                default: r.Skip(type); break;
            }
        }
        r.EndStruct(outer);
        length = r.Position;
        return h;
    }

    private static SchemaElement ReadSchemaElement(ref ThriftReader r, string location)
    {
        var e = new SchemaElement();
        var outer = r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1: e.Type = (PhysicalType)r.ReadI32(); break;
                case 3: e.Repetition = r.ReadI32(); break;
                case 4: e.Name = r.ReadString(); break;
                case 5: e.Children = r.ReadI32(); break;
                case 6: e.Converted = r.ReadI32(); break;
                case 10 when type == ThriftType.Struct: ReadLogicalType(ref r, ref e); break;
                default: r.Skip(type); break;
            }
        }
        r.EndStruct(outer);
        if (e.Repetition == 2) throw new InvalidDataException($"{location}: column '{e.Name}' is repeated; only flat tables are read.");
        return e;
    }

    private static void ReadLogicalType(ref ThriftReader r, ref SchemaElement e)
    {
        var outer = r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            e.Logical = id;
            if (id == 8 && type == ThriftType.Struct)
            {
                var inner = r.BeginStruct();
                while (r.NextField(out var f, out var t))
                {
                    if (f == 1 && t is ThriftType.True or ThriftType.False) e.AdjustedToUtc = r.ReadBool();
                    else if (f == 2 && t == ThriftType.Struct)
                    {
                        var unit = r.BeginStruct();
                        while (r.NextField(out var u, out var ut))
                        {
                            e.TimeUnit = u;
                            r.Skip(ut);
                        }
                        r.EndStruct(unit);
                    }
                    else r.Skip(t);
                }
                r.EndStruct(inner);
            }
            else r.Skip(type);
        }
        r.EndStruct(outer);
    }

    private static RowGroupMeta ReadRowGroup(ref ThriftReader r)
    {
        var columns = new List<ColumnChunkMeta>();
        long rows = 0, bytes = 0, compressed = 0, offset = 0;
        var outer = r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1 when type == ThriftType.List:
                {
                    var (_, count) = r.ReadListHeader();
                    for (var i = 0; i < count; i++) columns.Add(ReadColumnChunk(ref r));
                    break;
                }
                case 2: bytes = r.ReadI64(); break;
                case 3: rows = r.ReadI64(); break;
                case 5: offset = r.ReadI64(); break;
                case 6: compressed = r.ReadI64(); break;
                default: r.Skip(type); break;
            }
        }
        r.EndStruct(outer);
        return new RowGroupMeta { Columns = columns, NumRows = rows, TotalByteSize = bytes, TotalCompressedSize = compressed,
            FileOffset = offset };
    }

    private static ColumnChunkMeta ReadColumnChunk(ref ThriftReader r)
    {
        ColumnChunkMeta? meta = null;
        var outer = r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            if (id == 1 && type == ThriftType.Binary)
                throw new InvalidDataException("Parquet column chunks in other files (file_path) are not supported.");
            if (id == 3 && type == ThriftType.Struct) meta = ReadColumnMetadata(ref r);
            else r.Skip(type);
        }
        r.EndStruct(outer);
        return meta ?? throw new InvalidDataException("Parquet column chunk without metadata.");
    }

    private static ColumnChunkMeta ReadColumnMetadata(ref ThriftReader r)
    {
        PhysicalType physical = default;
        var encodings = new List<PageEncoding>();
        var path = new List<string>();
        PageCodec codec = default;
        long values = 0, uncompressed = 0, compressed = 0, data = 0;
        long? dictionary = null;
        var outer = r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            switch (id)
            {
                case 1: physical = (PhysicalType)r.ReadI32(); break;
                case 2 when type == ThriftType.List:
                {
                    var (_, count) = r.ReadListHeader();
                    for (var i = 0; i < count; i++) encodings.Add((PageEncoding)r.ReadI32());
                    break;
                }
                case 3 when type == ThriftType.List:
                {
                    var (_, count) = r.ReadListHeader();
                    for (var i = 0; i < count; i++) path.Add(r.ReadString());
                    break;
                }
                case 4: codec = (PageCodec)r.ReadI32(); break;
                case 5: values = r.ReadI64(); break;
                case 6: uncompressed = r.ReadI64(); break;
                case 7: compressed = r.ReadI64(); break;
                case 9: data = r.ReadI64(); break;
                case 11: dictionary = r.ReadI64(); break;
                default: r.Skip(type); break;
            }
        }
        r.EndStruct(outer);
        return new ColumnChunkMeta
        {
            Name = string.Join('.', path), Type = physical, Encodings = encodings, Codec = codec, NumValues = values,
            TotalUncompressedSize = uncompressed, TotalCompressedSize = compressed, DataPageOffset = data,
            DictionaryPageOffset = dictionary,
        };
    }

    private static (string Key, string Value) ReadKeyValue(ref ThriftReader r)
    {
        string key = "", value = "";
        var outer = r.BeginStruct();
        while (r.NextField(out var id, out var type))
        {
            if (id == 1 && type == ThriftType.Binary) key = r.ReadString();
            else if (id == 2 && type == ThriftType.Binary) value = r.ReadString();
            else r.Skip(type);
        }
        r.EndStruct(outer);
        return (key, value);
    }

    private struct SchemaElement
    {
        public PhysicalType? Type;
        public int Repetition;
        public string Name;
        public int Children;
        public int? Converted;
        public short? Logical;
        public bool AdjustedToUtc;
        public short? TimeUnit;

        public readonly ColumnSpec ToSpec(string location)
        {
            var nullable = Repetition == 1;
            var kind = Type switch
            {
                PhysicalType.ByteArray => ColumnKind.Text,
                PhysicalType.Double => ColumnKind.Double,
                PhysicalType.Int32 => Logical == 6 || Converted == 6 ? ColumnKind.Date : ColumnKind.Int32,
                PhysicalType.Int64 when Logical == 8 || Converted is 9 or 10 => TimestampKind(location),
                PhysicalType.Int64 => ColumnKind.Int64,
                PhysicalType.Boolean => ColumnKind.Boolean,
                _ => throw new InvalidDataException($"{location}: column '{Name}' has Parquet type {Type}, " +
                    "which this reader does not read."),
            };
            return new ColumnSpec(Name, kind, nullable);
        }

        private readonly ColumnKind TimestampKind(string location)
        {
            var micros = Logical == 8 ? TimeUnit == 2 : Converted == 10;
            if (!micros) throw new InvalidDataException($"{location}: column '{Name}' is a timestamp in a unit other than microseconds.");
            if (Logical == 8 && !AdjustedToUtc)
                throw new InvalidDataException($"{location}: column '{Name}' is a local timestamp, not UTC.");
            return ColumnKind.Timestamp;
        }
    }
}
