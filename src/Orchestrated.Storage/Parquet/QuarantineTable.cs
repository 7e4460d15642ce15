using Parquet.Schema;

namespace Orchestrated.Storage.Parquet;

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
        await using var reader = await ParquetFiles.OpenAsync(stream, location, ct);
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
