namespace Orchestrated.Storage.Parquet.Codec;

// The parts of Parquet's file format (parquet.thrift) that flat tables of text, integers, doubles, dates and
// timestamps need. Field ids and enum values are the format's own.

internal sealed class RowGroupMeta
{
    public required List<ColumnChunkMeta> Columns { get; init; }
    public long NumRows { get; init; }
    public long TotalByteSize { get; init; }
    public long TotalCompressedSize { get; init; }
    public long FileOffset { get; init; }
}
