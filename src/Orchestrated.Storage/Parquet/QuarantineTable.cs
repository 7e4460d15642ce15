using Parquet;
using Parquet.Schema;

namespace Orchestrated.Storage.Parquet;

/// <summary>A raw line that did not become an event: the contract's reason, where it came from, and why.</summary>
public sealed record QuarantineRow(string Reason, string SourceFile, long SourceLine, string? Detail, string? Raw);

/// <summary><c>quarantine/events</c>, one file per raw-arrival date. <c>raw</c> keeps the line, cut to a bounded length.</summary>
public static class QuarantineTable
{
    public const int MaxRawChars = 1024;

    public static readonly DataField Reason = new DataField<string>("reason", false);
    public static readonly DataField SourceFile = new DataField<string>("source_file", false);
    public static readonly DataField SourceLine = new DataField<long>("line", false);
    public static readonly DataField Detail = new DataField<string>("detail", true);
    public static readonly DataField Raw = new DataField<string>("raw", true);

    public static readonly TableSchema Schema = new("quarantine_events", Reason, SourceFile, SourceLine, Detail, Raw);

    public static async Task<IReadOnlyList<QuarantineRow>> ReadAsync(Stream stream, string location, CancellationToken ct = default)
    {
        await using var reader = await ParquetFiles.OpenAsync(stream, ct);
        var f = Schema.Bind(reader, location);
        var rows = new List<QuarantineRow>();
        for (var i = 0; i < reader.RowGroupCount; i++)
        {
            using var g = reader.OpenRowGroupReader(i);
            var reason = await Columns.ReadTextAsync(g, f["reason"]);
            var file = await Columns.ReadTextAsync(g, f["source_file"]);
            var line = await Columns.ReadAsync<long>(g, f["line"]);
            var detail = await Columns.ReadNullableTextAsync(g, f["detail"]);
            var raw = await Columns.ReadNullableTextAsync(g, f["raw"]);
            for (var r = 0; r < g.RowCount; r++)
                rows.Add(new QuarantineRow(reason[r].ToString(), file[r].ToString(), line[r], detail[r]?.ToString(), raw[r]?.ToString()));
        }
        return rows;
    }
}

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
