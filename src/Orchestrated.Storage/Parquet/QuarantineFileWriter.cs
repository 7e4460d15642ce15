using Parquet;

namespace Orchestrated.Storage.Parquet;

/// <summary>
/// Writes quarantine rows as they come, a row group at a time, so a raw file of a million bad lines costs one row
/// group of memory, not a million rows.
/// </summary>
public sealed class QuarantineFileWriter : IAsyncDisposable
{
    private readonly ParquetWriter _writer;
    private readonly List<QuarantineRow> _pending = [];
    private readonly int _rowGroupSize;

    private QuarantineFileWriter(ParquetWriter writer, int rowGroupSize) => (_writer, _rowGroupSize) = (writer, rowGroupSize);

    public long RowsWritten { get; private set; }

    public static async Task<QuarantineFileWriter> CreateAsync(Stream stream, ParquetSettings settings, CancellationToken ct) =>
        new(await ParquetFiles.CreateWriterAsync(QuarantineTable.Schema, stream, settings.OptionsFor(["reason", "source_file"]), ct),
            Math.Min(settings.RowGroupSize, 16 * 1024));

    public async Task AddAsync(QuarantineRow row)
    {
        _pending.Add(row);
        if (_pending.Count >= _rowGroupSize) await FlushAsync();
    }

    public async Task CompleteAsync()
    {
        await FlushAsync();
        await _writer.DisposeAsync();
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private async Task FlushAsync()
    {
        if (_pending.Count == 0) return;
        var n = _pending.Count;
        using (var g = _writer.CreateRowGroup())
        {
            await Columns.WriteTextAsync(g, QuarantineTable.Reason, _pending.Select(r => r.Reason).ToArray(), 0, n);
            await Columns.WriteTextAsync(g, QuarantineTable.SourceFile, _pending.Select(r => r.SourceFile).ToArray(), 0, n);
            await Columns.WriteAsync(g, QuarantineTable.SourceLine, _pending.Select(r => r.SourceLine).ToArray(), 0, n);
            await Columns.WriteTextAsync(g, QuarantineTable.Detail, _pending.Select(r => r.Detail).ToArray(), 0, n);
            await Columns.WriteTextAsync(g, QuarantineTable.Raw, _pending.Select(r => r.Raw).ToArray(), 0, n);
        }
        RowsWritten += n;
        _pending.Clear();
    }
}
