using Orchestrated.Domain.Stats;
using Parquet;
using Parquet.Schema;

namespace Orchestrated.Storage.Parquet;

/// <summary><c>gold/session_daily_stats</c>: one row per student and date.</summary>
public static class DailyStatsTable
{
    public static readonly DataField StudentHash = new DataField<string>("student_hash", false);
    public static readonly DataField TotalSessions = new DataField<int>("total_sessions", false);
    public static readonly DataField TotalTimeSpentSec = new DataField<long>("total_time_spent_sec", false);
    public static readonly DataField AvgSessionDuration = new DataField<double>("avg_session_duration", false);
    public static readonly DataField LongestSessionSec = new DataField<long>("longest_session_sec", false);
    public static readonly DataField ShortestSessionSec = new DataField<long>("shortest_session_sec", false);

    public static readonly TableSchema Schema = new("session_daily_stats", StudentHash, TotalSessions, TotalTimeSpentSec,
        AvgSessionDuration, LongestSessionSec, ShortestSessionSec);

    public static async Task WriteAsync(Stream stream, IReadOnlyList<DailyStatsRow> rows, ParquetSettings settings, CancellationToken ct)
    {
        await using var writer = await ParquetFiles.CreateWriterAsync(Schema, stream, settings.OptionsFor([]), ct);
        if (rows.Count == 0) return;
        var n = rows.Count;
        using var g = writer.CreateRowGroup();
        await Columns.WriteTextAsync(g, StudentHash, rows.Select(r => r.StudentHash).ToArray(), 0, n);
        await Columns.WriteAsync(g, TotalSessions, rows.Select(r => r.TotalSessions).ToArray(), 0, n);
        await Columns.WriteAsync(g, TotalTimeSpentSec, rows.Select(r => r.TotalTimeSpentSec).ToArray(), 0, n);
        await Columns.WriteAsync(g, AvgSessionDuration, rows.Select(r => r.AvgSessionDuration).ToArray(), 0, n);
        await Columns.WriteAsync(g, LongestSessionSec, rows.Select(r => r.LongestSessionSec).ToArray(), 0, n);
        await Columns.WriteAsync(g, ShortestSessionSec, rows.Select(r => r.ShortestSessionSec).ToArray(), 0, n);
    }

    public static async Task<IReadOnlyList<DailyStatsRow>> ReadAsync(Stream stream, string location, CancellationToken ct = default)
    {
        await using var reader = await ParquetFiles.OpenAsync(stream, ct);
        var f = Schema.Bind(reader, location);
        var rows = new List<DailyStatsRow>();
        for (var i = 0; i < reader.RowGroupCount; i++)
        {
            using var g = reader.OpenRowGroupReader(i);
            var student = await Columns.ReadTextAsync(g, f["student_hash"]);
            var total = await Columns.ReadAsync<int>(g, f["total_sessions"]);
            var time = await Columns.ReadAsync<long>(g, f["total_time_spent_sec"]);
            var avg = await Columns.ReadAsync<double>(g, f["avg_session_duration"]);
            var longest = await Columns.ReadAsync<long>(g, f["longest_session_sec"]);
            var shortest = await Columns.ReadAsync<long>(g, f["shortest_session_sec"]);
            for (var r = 0; r < g.RowCount; r++)
                rows.Add(new DailyStatsRow(student[r].ToString(), total[r], time[r], avg[r], longest[r], shortest[r]));
        }
        return rows;
    }
}
