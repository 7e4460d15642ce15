using Orchestrated.Domain.Sessions;
using Parquet;
using Parquet.Schema;

namespace Orchestrated.Storage.Parquet;

/// <summary><c>silver/sessions</c>: the contract's session columns, one file per start date.</summary>
public static class SessionsTable
{
    public static readonly DataField SessionId = new DataField<string>("session_id", false);
    public static readonly DataField StudentHash = new DataField<string>("student_hash", false);
    public static readonly DataField Device = new DataField<string>("device", false);
    public static readonly DataField SessionStart = Columns.Timestamp("session_start");
    public static readonly DataField SessionEnd = Columns.Timestamp("session_end");
    public static readonly DataField SessionDurationSec = new DataField<long>("session_duration_sec", false);
    public static readonly DataField EventCount = new DataField<int>("event_count", false);
    public static readonly DataField PagesVisited = new DataField<int>("pages_visited", false);
    public static readonly DataField AvgEventGapSec = new DataField<double?>("avg_event_gap_sec");
    public static readonly DataField ActiveTimeSec = new DataField<double>("active_time_sec", false);
    public static readonly DataField Capped = new DataField<bool>("capped", false);

    public static readonly TableSchema Schema = new("sessions", SessionId, StudentHash, Device, SessionStart, SessionEnd,
        SessionDurationSec, EventCount, PagesVisited, AvgEventGapSec, ActiveTimeSec, Capped);

    public static async Task WriteAsync(Stream stream, IReadOnlyList<SessionRow> rows, ParquetSettings settings, CancellationToken ct)
    {
        await using var writer = await ParquetFiles.CreateWriterAsync(Schema, stream, settings.OptionsFor(["student_hash", "device"]), ct);
        for (var offset = 0; offset < rows.Count; offset += settings.RowGroupSize)
        {
            var part = rows.Skip(offset).Take(settings.RowGroupSize).ToArray();
            var n = part.Length;
            using var g = writer.CreateRowGroup();
            await Columns.WriteTextAsync(g, SessionId, part.Select(r => r.SessionId).ToArray(), 0, n);
            await Columns.WriteTextAsync(g, StudentHash, part.Select(r => r.StudentHash).ToArray(), 0, n);
            await Columns.WriteTextAsync(g, Device, part.Select(r => r.Device).ToArray(), 0, n);
            await Columns.WriteTimestampsAsync(g, SessionStart, part.Select(r => r.SessionStart).ToArray(), 0, n);
            await Columns.WriteTimestampsAsync(g, SessionEnd, part.Select(r => r.SessionEnd).ToArray(), 0, n);
            await Columns.WriteAsync(g, SessionDurationSec, part.Select(r => r.SessionDurationSec).ToArray(), 0, n);
            await Columns.WriteAsync(g, EventCount, part.Select(r => r.EventCount).ToArray(), 0, n);
            await Columns.WriteAsync(g, PagesVisited, part.Select(r => r.PagesVisited).ToArray(), 0, n);
            await Columns.WriteAsync(g, AvgEventGapSec, part.Select(r => r.AvgEventGapSec).ToArray(), 0, n);
            await Columns.WriteAsync(g, ActiveTimeSec, part.Select(r => r.ActiveTimeSec).ToArray(), 0, n);
            await Columns.WriteAsync(g, Capped, part.Select(r => r.Capped).ToArray(), 0, n);
        }
    }

    public static async Task<IReadOnlyList<SessionRow>> ReadAsync(Stream stream, string location, CancellationToken ct = default)
    {
        await using var reader = await ParquetFiles.OpenAsync(stream, ct);
        var f = Schema.Bind(reader, location);
        var rows = new List<SessionRow>();
        for (var i = 0; i < reader.RowGroupCount; i++)
        {
            using var g = reader.OpenRowGroupReader(i);
            var id = await Columns.ReadTextAsync(g, f["session_id"]);
            var student = await Columns.ReadTextAsync(g, f["student_hash"]);
            var device = await Columns.ReadTextAsync(g, f["device"]);
            var start = await Columns.ReadTimestampsAsync(g, f["session_start"]);
            var end = await Columns.ReadTimestampsAsync(g, f["session_end"]);
            var duration = await Columns.ReadAsync<long>(g, f["session_duration_sec"]);
            var count = await Columns.ReadAsync<int>(g, f["event_count"]);
            var pages = await Columns.ReadAsync<int>(g, f["pages_visited"]);
            var gap = await Columns.ReadNullableAsync<double>(g, f["avg_event_gap_sec"]);
            var active = await Columns.ReadAsync<double>(g, f["active_time_sec"]);
            var capped = await Columns.ReadAsync<bool>(g, f["capped"]);
            for (var r = 0; r < g.RowCount; r++)
                rows.Add(new SessionRow(id[r].ToString(), student[r].ToString(), device[r].ToString(), start[r], end[r], duration[r],
                    count[r], pages[r], gap[r], active[r], capped[r]));
        }
        return rows;
    }
}
