using Parquet;

namespace Orchestrated.Storage.Parquet;

internal static class ParquetFiles
{
    public static readonly ParquetOptions ReadOptions = new() { UseDateOnlyTypeForDates = true };

    public static Task<ParquetReader> OpenAsync(Stream stream, CancellationToken ct) =>
        ParquetReader.CreateAsync(stream, ReadOptions, leaveStreamOpen: true, ct);
}
