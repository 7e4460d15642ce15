namespace Orchestrated.Storage.Parquet.Codec;

// The parts of Parquet's file format (parquet.thrift) that flat tables of text, integers, doubles, dates and
// timestamps need. Field ids and enum values are the format's own.

internal sealed class FileMeta
{
    public required List<ColumnSpec> Columns { get; init; }
    public required List<RowGroupMeta> RowGroups { get; init; }
    public long NumRows { get; init; }
    public Dictionary<string, string> KeyValues { get; init; } = [];
    public string CreatedBy { get; init; } = "";
}
