using Orchestrated.Domain.Engagement.Anomalies;
using Orchestrated.Domain.Text;
using Orchestrated.Storage.Parquet.Codec;

namespace Orchestrated.Storage.Parquet;

/// <summary><c>gold/session_scores</c>: one row per session of the date, in the sessions' order.</summary>
public static class SessionScoresTable
{
    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("session_id", ColumnKind.Text, false),
        new("student_hash", ColumnKind.Text, false),
        new("session_start", ColumnKind.Timestamp, false),
        new("anomaly_score", ColumnKind.Double, false),
        new("anomalous", ColumnKind.Boolean, false),
        new("flags", ColumnKind.Text, false),
        new("why", ColumnKind.Text, false),
        new("early_warning", ColumnKind.Double, true),
        new("model_version", ColumnKind.Text, false),
    ];

    public static void Write(Stream stream, IReadOnlyList<SessionScore> rows, ParquetSettings settings)
    {
        var writer = new ColumnarFileWriter(stream, Columns, settings.Compression);
        if (rows.Count > 0)
        {
            writer.BeginRowGroup(rows.Count);
            writer.WriteUniqueStrings(rows.Select(r => (string?)r.SessionId).ToArray());
            writer.WriteUniqueStrings(rows.Select(r => (string?)r.StudentHash).ToArray());
            writer.WriteInt64(rows.Select(r => r.SessionStart).ToArray());
            writer.WriteDoubles(rows.Select(r => r.AnomalyScore).ToArray());
            writer.WriteBooleans(rows.Select(r => r.Anomalous).ToArray());
            writer.WriteUniqueStrings(rows.Select(r => (string?)r.Flags).ToArray());
            writer.WriteUniqueStrings(rows.Select(r => (string?)r.Why).ToArray());
            writer.WriteDoubles(rows.Select(r => r.EarlyWarning).ToArray());
            writer.WriteUniqueStrings(rows.Select(r => (string?)r.ModelVersion).ToArray());
            writer.EndRowGroup();
        }
        writer.Complete();
    }

    public static IReadOnlyList<SessionScore> Read(Stream stream, string location)
    {
        using var reader = ColumnarFileReader.Open(stream, location);
        reader.Require(Columns, "session_scores");
        var rows = new List<SessionScore>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var n = reader.RowsIn(g);
            using TextColumn id = new(n), student = new(n), flags = new(n), why = new(n), version = new(n);
            var start = new long[n];
            double?[] score = new double?[n], warning = new double?[n];
            var anomalous = new bool[n];
            reader.ReadTexts(g, "session_id", id);
            reader.ReadTexts(g, "student_hash", student);
            reader.ReadInt64(g, "session_start", start);
            reader.ReadDoubles(g, "anomaly_score", score);
            reader.ReadBooleans(g, "anomalous", anomalous);
            reader.ReadTexts(g, "flags", flags);
            reader.ReadTexts(g, "why", why);
            reader.ReadDoubles(g, "early_warning", warning);
            reader.ReadTexts(g, "model_version", version);
            for (var r = 0; r < n; r++)
                rows.Add(new SessionScore(id.Text(r)!, student.Text(r)!, start[r], score[r]!.Value, anomalous[r], flags.Text(r)!,
                    why.Text(r)!, warning[r], version.Text(r)!));
        }
        return rows;
    }
}
