using Orchestrated.Domain.Stats;
using Orchestrated.Domain.Text;
using Orchestrated.Storage.Parquet.Codec;

namespace Orchestrated.Storage.Parquet;

/// <summary><c>gold/session_daily_stats</c>: one row per student and date.</summary>
public static class DailyStatsTable
{
    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("student_hash", ColumnKind.Text, false),
        new("total_sessions", ColumnKind.Int32, false),
        new("total_time_spent_sec", ColumnKind.Int64, false),
        new("avg_session_duration", ColumnKind.Double, false),
        new("longest_session_sec", ColumnKind.Int64, false),
        new("shortest_session_sec", ColumnKind.Int64, false),
    ];

    /// <summary>One row group: a date has one row per student active that day.</summary>
    public static void Write(Stream stream, IReadOnlyList<DailyStatsRow> rows, ParquetSettings settings)
    {
        var writer = new ColumnarFileWriter(stream, Columns, settings.Compression);
        if (rows.Count > 0)
        {
            writer.BeginRowGroup(rows.Count);
            writer.WriteUniqueStrings(rows.Select(r => (string?)r.StudentHash).ToArray());
            writer.WriteInt32(rows.Select(r => r.TotalSessions).ToArray());
            writer.WriteInt64(rows.Select(r => r.TotalTimeSpentSec).ToArray());
            writer.WriteDoubles(rows.Select(r => r.AvgSessionDuration).ToArray());
            writer.WriteInt64(rows.Select(r => r.LongestSessionSec).ToArray());
            writer.WriteInt64(rows.Select(r => r.ShortestSessionSec).ToArray());
            writer.EndRowGroup();
        }
        writer.Complete();
    }

    public static IReadOnlyList<DailyStatsRow> Read(Stream stream, string location)
    {
        using var reader = ColumnarFileReader.Open(stream, location);
        reader.Require(Columns, "session_daily_stats");
        var rows = new List<DailyStatsRow>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var n = reader.RowsIn(g);
            using var student = new TextColumn(n);
            int[] total = new int[n];
            long[] time = new long[n], longest = new long[n], shortest = new long[n];
            var avg = new double?[n];
            reader.ReadTexts(g, "student_hash", student);
            reader.ReadInt32(g, "total_sessions", total);
            reader.ReadInt64(g, "total_time_spent_sec", time);
            reader.ReadDoubles(g, "avg_session_duration", avg);
            reader.ReadInt64(g, "longest_session_sec", longest);
            reader.ReadInt64(g, "shortest_session_sec", shortest);
            for (var r = 0; r < n; r++)
                rows.Add(new DailyStatsRow(student.Text(r)!, total[r], time[r], avg[r]!.Value, longest[r], shortest[r]));
        }
        return rows;
    }
}
