using Orchestrated.Domain.Engagement;
using Orchestrated.Domain.Text;
using Orchestrated.Storage.Parquet.Codec;

namespace Orchestrated.Storage.Parquet;

/// <summary><c>gold/student_risk</c>: one row per student scored as of a date.</summary>
public static class StudentRiskTable
{
    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("student_hash", ColumnKind.Text, false),
        new("risk", ColumnKind.Double, false),
        new("band", ColumnKind.Text, false),
        new("risk_week_ago", ColumnKind.Double, true),
        new("reasons", ColumnKind.Text, false),
        new("model_version", ColumnKind.Text, false),
        new("courses", ColumnKind.Text, false),
    ];

    public static void Write(Stream stream, IReadOnlyList<StudentRisk> rows, ParquetSettings settings)
    {
        var writer = new ColumnarFileWriter(stream, Columns, settings.Compression);
        if (rows.Count > 0)
        {
            writer.BeginRowGroup(rows.Count);
            writer.WriteUniqueStrings(rows.Select(r => (string?)r.StudentHash).ToArray());
            writer.WriteDoubles(rows.Select(r => r.Risk).ToArray());
            writer.WriteUniqueStrings(rows.Select(r => (string?)r.Band).ToArray());
            writer.WriteDoubles(rows.Select(r => r.RiskWeekAgo).ToArray());
            writer.WriteUniqueStrings(rows.Select(r => (string?)r.Reasons).ToArray());
            writer.WriteUniqueStrings(rows.Select(r => (string?)r.ModelVersion).ToArray());
            writer.WriteUniqueStrings(rows.Select(r => (string?)r.Courses).ToArray());
            writer.EndRowGroup();
        }
        writer.Complete();
    }

    public static IReadOnlyList<StudentRisk> Read(Stream stream, string location)
    {
        using var reader = ColumnarFileReader.Open(stream, location);
        reader.Require(Columns, "student_risk");
        var rows = new List<StudentRisk>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var n = reader.RowsIn(g);
            using TextColumn student = new(n), band = new(n), reasons = new(n), version = new(n), courses = new(n);
            double?[] risk = new double?[n], weekAgo = new double?[n];
            reader.ReadTexts(g, "student_hash", student);
            reader.ReadDoubles(g, "risk", risk);
            reader.ReadTexts(g, "band", band);
            reader.ReadDoubles(g, "risk_week_ago", weekAgo);
            reader.ReadTexts(g, "reasons", reasons);
            reader.ReadTexts(g, "model_version", version);
            reader.ReadTexts(g, "courses", courses);
            for (var r = 0; r < n; r++)
                rows.Add(new StudentRisk(student.Text(r)!, risk[r]!.Value, band.Text(r)!, weekAgo[r], reasons.Text(r)!, version.Text(r)!,
                    courses.Text(r)!));
        }
        return rows;
    }
}
