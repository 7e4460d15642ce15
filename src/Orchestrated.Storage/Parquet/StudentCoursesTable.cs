using Orchestrated.Domain.Text;
using Orchestrated.Storage.Parquet.Codec;

namespace Orchestrated.Storage.Parquet;

/// <summary>
/// <c>gold/student_courses</c>: one row per student with events of the date, and their courses (<c>;</c>-separated, sorted).
/// </summary>
public static class StudentCoursesTable
{
    public static readonly IReadOnlyList<ColumnSpec> Columns =
        [new("student_hash", ColumnKind.Text, false), new("courses", ColumnKind.Text, false)];

    public static void Write(Stream stream, IReadOnlyList<(string Student, string Courses)> rows, ParquetSettings settings)
    {
        var writer = new ColumnarFileWriter(stream, Columns, settings.Compression);
        if (rows.Count > 0)
        {
            writer.BeginRowGroup(rows.Count);
            writer.WriteUniqueStrings(rows.Select(r => (string?)r.Student).ToArray());
            writer.WriteUniqueStrings(rows.Select(r => (string?)r.Courses).ToArray());
            writer.EndRowGroup();
        }
        writer.Complete();
    }

    public static IReadOnlyList<(string Student, string Courses)> Read(Stream stream, string location)
    {
        using var reader = ColumnarFileReader.Open(stream, location);
        reader.Require(Columns, "student_courses");
        var rows = new List<(string, string)>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var n = reader.RowsIn(g);
            using TextColumn student = new(n), courses = new(n);
            reader.ReadTexts(g, "student_hash", student);
            reader.ReadTexts(g, "courses", courses);
            for (var r = 0; r < n; r++) rows.Add((student.Text(r)!, courses.Text(r)!));
        }
        return rows;
    }
}
