using Parquet;

namespace Orchestrated.Storage.Parquet;

internal static class ParquetFiles
{
    public static readonly ParquetOptions ReadOptions = new() { UseDateOnlyTypeForDates = true };

    public static Task<ParquetReader> OpenAsync(Stream stream, CancellationToken ct) =>
        ParquetReader.CreateAsync(new SynchronousStream(stream), ReadOptions, leaveStreamOpen: true, ct);

    public static Task<ParquetWriter> CreateWriterAsync(TableSchema table, Stream stream, ParquetOptions options, CancellationToken ct) =>
        ParquetWriter.CreateAsync(table.Parquet, new SynchronousStream(stream), options, append: false, ct);
}
