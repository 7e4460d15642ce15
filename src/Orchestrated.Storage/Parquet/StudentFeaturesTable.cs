using Orchestrated.Domain.Engagement;
using Orchestrated.Domain.Text;
using Orchestrated.Storage.Parquet.Codec;

namespace Orchestrated.Storage.Parquet;

/// <summary>
/// <c>gold/student_features</c>: one row per student and date, a column per feature of <see cref="StudentFeatures.Names"/>.
/// </summary>
public static class StudentFeaturesTable
{
    public static readonly IReadOnlyList<ColumnSpec> Columns =
        [new("student_hash", ColumnKind.Text, false), .. StudentFeatures.Names.Select(n => new ColumnSpec(n, ColumnKind.Double, false))];

    public static void Write(Stream stream, IReadOnlyList<StudentFeatures> rows, ParquetSettings settings)
    {
        var writer = new ColumnarFileWriter(stream, Columns, settings.Compression);
        if (rows.Count > 0)
        {
            writer.BeginRowGroup(rows.Count);
            writer.WriteUniqueStrings(rows.Select(r => (string?)r.StudentHash).ToArray());
            for (var f = 0; f < StudentFeatures.Names.Count; f++) writer.WriteDoubles(rows.Select(r => (double)r.Values[f]).ToArray());
            writer.EndRowGroup();
        }
        writer.Complete();
    }

    public static IReadOnlyList<StudentFeatures> Read(Stream stream, string location, DateOnly date)
    {
        using var reader = ColumnarFileReader.Open(stream, location);
        reader.Require(Columns, "student_features");
        var rows = new List<StudentFeatures>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var n = reader.RowsIn(g);
            using var student = new TextColumn(n);
            reader.ReadTexts(g, "student_hash", student);
            var values = new float[n][];
            for (var r = 0; r < n; r++) values[r] = new float[StudentFeatures.Names.Count];
            var column = new double?[n];
            for (var f = 0; f < StudentFeatures.Names.Count; f++)
            {
                reader.ReadDoubles(g, StudentFeatures.Names[f], column);
                for (var r = 0; r < n; r++) values[r][f] = (float)column[r]!.Value;
            }
            for (var r = 0; r < n; r++) rows.Add(new StudentFeatures(student.Text(r)!, date, values[r]));
        }
        return rows;
    }
}
