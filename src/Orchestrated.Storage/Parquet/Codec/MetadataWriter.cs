namespace Orchestrated.Storage.Parquet.Codec;

// The parts of Parquet's file format (parquet.thrift) that flat tables of text, integers, doubles, dates and
// timestamps need. Field ids and enum values are the format's own.

/// <summary>Serializes the footer and page headers.</summary>
internal static class MetadataWriter
{
    public const string CreatedBy = "orchestrated version 1.0.0";

    public static void WritePageHeader(ThriftWriter w, in PageHeader h)
    {
        w.Reset();
        w.PushStruct();
        w.I32(1, (int)h.Type);
        w.I32(2, h.UncompressedSize);
        w.I32(3, h.CompressedSize);
        if (h.Type == PageType.DictionaryPage)
        {
            w.BeginStruct(7);
            w.I32(1, h.NumValues);
            w.I32(2, (int)h.Encoding);
            w.EndStruct();
        }
        else
        {
            w.BeginStruct(5);
            w.I32(1, h.NumValues);
            w.I32(2, (int)h.Encoding);
            w.I32(3, (int)PageEncoding.Rle);
            w.I32(4, (int)PageEncoding.Rle);
            w.EndStruct();
        }
        w.EndStruct();
    }

    public static void WriteFileMetadata(ThriftWriter w, FileMeta meta)
    {
        w.Reset();
        w.PushStruct();
        w.I32(1, 1);
        w.BeginList(2, ThriftType.Struct, meta.Columns.Count + 1);
        w.PushStruct();
        w.String(4, "schema");
        w.I32(5, meta.Columns.Count);
        w.EndStruct();
        foreach (var column in meta.Columns) WriteSchemaElement(w, column);
        w.I64(3, meta.NumRows);
        w.BeginList(4, ThriftType.Struct, meta.RowGroups.Count);
        for (var i = 0; i < meta.RowGroups.Count; i++) WriteRowGroup(w, meta.RowGroups[i], (short)i);
        if (meta.KeyValues.Count > 0)
        {
            w.BeginList(5, ThriftType.Struct, meta.KeyValues.Count);
            foreach (var (key, value) in meta.KeyValues.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                w.PushStruct();
                w.String(1, key);
                w.String(2, value);
                w.EndStruct();
            }
        }
        w.String(6, CreatedBy);
        // Column orders say min/max statistics follow each type's natural order, so readers may use them to skip row groups.
        w.BeginList(7, ThriftType.Struct, meta.Columns.Count);
        foreach (var _ in meta.Columns)
        {
            w.PushStruct();
            w.BeginStruct(1);
            w.EndStruct();
            w.EndStruct();
        }
        w.EndStruct();
    }

    private static void WriteSchemaElement(ThriftWriter w, ColumnSpec c)
    {
        w.PushStruct();
        w.I32(1, (int)c.Physical);
        w.I32(3, c.Nullable ? 1 : 0);
        w.String(4, c.Name);
        var converted = c.Kind switch { ColumnKind.Text => 0, ColumnKind.Date => 6, ColumnKind.Timestamp => 10, _ => -1 };
        if (converted >= 0) w.I32(6, converted);
        switch (c.Kind)
        {
            case ColumnKind.Text:
                w.BeginStruct(10); w.BeginStruct(1); w.EndStruct(); w.EndStruct();
                break;
            case ColumnKind.Date:
                w.BeginStruct(10); w.BeginStruct(6); w.EndStruct(); w.EndStruct();
                break;
            case ColumnKind.Timestamp:
                w.BeginStruct(10);
                w.BeginStruct(8);
                w.Bool(1, true);
                w.BeginStruct(2); w.BeginStruct(2); w.EndStruct(); w.EndStruct(); // unit: MICROS
                w.EndStruct();
                w.EndStruct();
                break;
        }
        w.EndStruct();
    }

    private static void WriteRowGroup(ThriftWriter w, RowGroupMeta g, short ordinal)
    {
        Span<byte> bytes = stackalloc byte[8];
        w.PushStruct();
        w.BeginList(1, ThriftType.Struct, g.Columns.Count);
        foreach (var c in g.Columns)
        {
            w.PushStruct();
            w.I64(2, c.StartOffset);
            w.BeginStruct(3);
            w.I32(1, (int)c.Type);
            w.BeginList(2, ThriftType.I32, c.Encodings.Count);
            foreach (var e in c.Encodings) w.I32Value((int)e);
            w.BeginList(3, ThriftType.Binary, 1);
            w.StringValue(c.Name);
            w.I32(4, (int)c.Codec);
            w.I64(5, c.NumValues);
            w.I64(6, c.TotalUncompressedSize);
            w.I64(7, c.TotalCompressedSize);
            w.I64(9, c.DataPageOffset);
            if (c.DictionaryPageOffset is { } dictionary) w.I64(11, dictionary);
            w.BeginStruct(12);
            w.I64(3, c.NullCount);
            if (c.Min is { } min && c.Max is { } max)
            {
                var width = c.Type == PhysicalType.Int32 ? 4 : 8;
                WriteLittleEndian(bytes, max, width);
                w.Binary(5, bytes[..width]);
                WriteLittleEndian(bytes, min, width);
                w.Binary(6, bytes[..width]);
            }
            w.EndStruct();
            w.EndStruct();
            w.EndStruct();
        }
        w.I64(2, g.TotalByteSize);
        w.I64(3, g.NumRows);
        w.I64(5, g.FileOffset);
        w.I64(6, g.TotalCompressedSize);
        w.I16(7, ordinal);
        w.EndStruct();
    }

    private static void WriteLittleEndian(Span<byte> into, long value, int width)
    {
        for (var i = 0; i < width; i++) into[i] = (byte)(value >> (8 * i));
    }
}
