using System.IO.Compression;
using Parquet;

namespace Orchestrated.Storage.Parquet;

/// <summary>How tables are written. Snappy: the fastest codec of Parquet.Net here, and every reader knows it.</summary>
public sealed class ParquetSettings
{
    public CompressionMethod Compression { get; set; } = CompressionMethod.Snappy;
    /// <summary>Rows per row group: the unit of reading, and of memory while writing.</summary>
    public int RowGroupSize { get; set; } = 128 * 1024;

    internal ParquetOptions OptionsFor(IEnumerable<string> dictionaryColumns)
    {
        // Parquet.Net only dictionary-encodes when asked; low-cardinality text is then 10x smaller and faster to read.
        var options = new ParquetOptions { CompressionMethod = Compression, CompressionLevel = CompressionLevel.Fastest };
        foreach (var column in dictionaryColumns) options.ColumnEncodingHints[column] = EncodingHint.Dictionary;
        return options;
    }
}
