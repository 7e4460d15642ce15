using Orchestrated.Domain.Live;
using Orchestrated.Domain.Text;
using Orchestrated.Storage.Parquet.Codec;

namespace Orchestrated.Storage.Parquet;

/// <summary><c>gold/live_reconciliation</c>: one row per session the live and the batch sessions of a date disagree on.</summary>
public static class ReconciliationTable
{
    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("session_id", ColumnKind.Text, false),
        new("student_hash", ColumnKind.Text, false),
        new("kind", ColumnKind.Text, false),
        new("explained_by_late", ColumnKind.Boolean, false),
        new("detail", ColumnKind.Text, false),
    ];

    public static void Write(Stream stream, IReadOnlyList<SessionDifference> rows, ParquetSettings settings)
    {
        var writer = new ColumnarFileWriter(stream, Columns, settings.Compression);
        if (rows.Count > 0)
        {
            writer.BeginRowGroup(rows.Count);
            writer.WriteUniqueStrings(rows.Select(r => (string?)r.SessionId).ToArray());
            writer.WriteUniqueStrings(rows.Select(r => (string?)r.StudentHash).ToArray());
            writer.WriteUniqueStrings(rows.Select(r => (string?)r.Kind).ToArray());
            writer.WriteBooleans(rows.Select(r => r.ExplainedByLate).ToArray());
            writer.WriteUniqueStrings(rows.Select(r => (string?)r.Detail).ToArray());
            writer.EndRowGroup();
        }
        writer.Complete();
    }

    public static IReadOnlyList<SessionDifference> Read(Stream stream, string location)
    {
        using var reader = ColumnarFileReader.Open(stream, location);
        reader.Require(Columns, "live_reconciliation");
        var rows = new List<SessionDifference>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var n = reader.RowsIn(g);
            using TextColumn id = new(n), student = new(n), kind = new(n), detail = new(n);
            var explained = new bool[n];
            reader.ReadTexts(g, "session_id", id);
            reader.ReadTexts(g, "student_hash", student);
            reader.ReadTexts(g, "kind", kind);
            reader.ReadBooleans(g, "explained_by_late", explained);
            reader.ReadTexts(g, "detail", detail);
            for (var r = 0; r < n; r++)
                rows.Add(new SessionDifference(id.Text(r)!, student.Text(r)!, kind.Text(r)!, explained[r], detail.Text(r)!));
        }
        return rows;
    }
}
