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

    public static Task WriteAsync(Stream stream, IReadOnlyList<QuarantineRow> rows, ParquetSettings settings, CancellationToken ct) =>
        ParquetFiles.WriteAsync(stream, memory => WriteToAsync(memory, rows, settings, ct), ct);

    private static async Task WriteToAsync(Stream stream, IReadOnlyList<QuarantineRow> rows, ParquetSettings settings, CancellationToken ct)
    {
        await using var writer = await ParquetWriter.CreateAsync(Schema.Parquet, stream, settings.OptionsFor(["reason", "source_file"]), false, ct);
        for (var offset = 0; offset < rows.Count; offset += settings.RowGroupSize)
        {
            var part = rows.Skip(offset).Take(settings.RowGroupSize).ToArray();
            var n = part.Length;
            using var g = writer.CreateRowGroup();
            await Columns.WriteTextAsync(g, Reason, part.Select(r => r.Reason).ToArray(), 0, n);
            await Columns.WriteTextAsync(g, SourceFile, part.Select(r => r.SourceFile).ToArray(), 0, n);
            await Columns.WriteAsync(g, SourceLine, part.Select(r => r.SourceLine).ToArray(), 0, n);
            await Columns.WriteTextAsync(g, Detail, part.Select(r => r.Detail).ToArray(), 0, n);
            await Columns.WriteTextAsync(g, Raw, part.Select(r => r.Raw).ToArray(), 0, n);
        }
    }

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
