namespace Orchestrated.Storage.Parquet.Codec;

// The parts of Parquet's file format (parquet.thrift) that flat tables of text, integers, doubles, dates and
// timestamps need. Field ids and enum values are the format's own.

internal sealed class ColumnChunkMeta
{
    public required string Name { get; init; }
    public PhysicalType Type { get; init; }
    public List<PageEncoding> Encodings { get; init; } = [];
    public PageCodec Codec { get; init; }
    public long NumValues { get; init; }
    public long TotalUncompressedSize { get; init; }
    public long TotalCompressedSize { get; init; }
    public long DataPageOffset { get; init; }
    public long? DictionaryPageOffset { get; init; }
    public long NullCount { get; init; }
    public long? Min { get; init; }
    public long? Max { get; init; }

    public long StartOffset => DictionaryPageOffset is { } d && d > 0 && d < DataPageOffset ? d : DataPageOffset;
}
