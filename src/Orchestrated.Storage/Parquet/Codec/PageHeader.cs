namespace Orchestrated.Storage.Parquet.Codec;

// The parts of Parquet's file format (parquet.thrift) that flat tables of text, integers, doubles, dates and
// timestamps need. Field ids and enum values are the format's own.

internal struct PageHeader
{
    public PageType Type;
    public int UncompressedSize;
    public int CompressedSize;
    public int NumValues;
    public PageEncoding Encoding;
    // Data page v2 only: its levels are stored uncompressed before the (maybe compressed) values.
    public int NumNulls;
    public int DefinitionLevelsLength;
    public int RepetitionLevelsLength;
    public bool IsCompressed;
}
