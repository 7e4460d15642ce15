namespace Orchestrated.Storage.Parquet.Codec;

// The parts of Parquet's file format (parquet.thrift) that flat tables of text, integers, doubles, dates and
// timestamps need. Field ids and enum values are the format's own.

/// <summary>One column of a flat table, as our tables declare it.</summary>
public sealed record ColumnSpec(string Name, ColumnKind Kind, bool Nullable)
{
    internal PhysicalType Physical => Kind switch
    {
        ColumnKind.Text => PhysicalType.ByteArray,
        ColumnKind.Int64 or ColumnKind.Timestamp => PhysicalType.Int64,
        ColumnKind.Int32 or ColumnKind.Date => PhysicalType.Int32,
        ColumnKind.Double => PhysicalType.Double,
        ColumnKind.Boolean => PhysicalType.Boolean,
        _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
    };

    public override string ToString() => $"{Name} {Kind}{(Nullable ? "?" : "")}";
}
