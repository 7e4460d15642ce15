using Parquet;

namespace Orchestrated.Storage.Parquet;

internal static class ParquetFiles
{
    public static readonly ParquetOptions ReadOptions = new() { UseDateOnlyTypeForDates = true };

    /// <summary>Opens a file for Parquet.Net, its footer first walked by our bounded reader (<see cref="Codec.FooterCheck"/>).</summary>
    public static Task<ParquetReader> OpenAsync(Stream stream, string location, CancellationToken ct)
    {
        Codec.FooterCheck.Validate(stream, location);
        return ParquetReader.CreateAsync(new SynchronousStream(stream), ReadOptions, leaveStreamOpen: true, ct);
    }

    public static Task<ParquetWriter> CreateWriterAsync(TableSchema table, Stream stream, ParquetOptions options, CancellationToken ct) =>
        ParquetWriter.CreateAsync(table.Parquet, new SynchronousStream(stream), options, append: false, ct);
}
