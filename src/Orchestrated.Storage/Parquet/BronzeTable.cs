using Orchestrated.Storage.Parquet.Codec;

namespace Orchestrated.Storage.Parquet;

/// <summary>
/// <c>bronze/events</c>: raw events typed, one file per raw-arrival date, every row group holding a single event
/// date (named in the file's metadata) so cleaning a date reads only its row groups.
/// </summary>
public static class BronzeTable
{
    public const string RowGroupDatesKey = "orchestrated.row_group_event_dates";

    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("source_file", ColumnKind.Text, false),
        new("source_line", ColumnKind.Int64, false),
        new("event_id", ColumnKind.Text, true),
        new("student_id", ColumnKind.Text, false),
        new("ts", ColumnKind.Timestamp, false),
        new("event_type", ColumnKind.Text, true),
        new("page_url", ColumnKind.Text, true),
        new("screen_name", ColumnKind.Text, true),
        new("device", ColumnKind.Text, true),
        new("browser", ColumnKind.Text, true),
        new("network", ColumnKind.Text, true),
        new("course_id", ColumnKind.Text, true),
        new("chapter_id", ColumnKind.Text, true),
        new("time_spent_sec", ColumnKind.Double, true),
        new("metadata", ColumnKind.Text, true),
        new("extra", ColumnKind.Text, true),
    ];
}
