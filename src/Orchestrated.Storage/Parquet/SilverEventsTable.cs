using Orchestrated.Storage.Parquet.Codec;

namespace Orchestrated.Storage.Parquet;

/// <summary>
/// <c>silver/events</c>: clean, de-duplicated events of one UTC event date, sorted by (ts, event_id) so a day
/// reads in time order and the first row groups of a day are its first hours.
/// </summary>
public static class SilverEventsTable
{
    public static readonly IReadOnlyList<ColumnSpec> Columns =
    [
        new("event_id", ColumnKind.Text, true),
        new("student_hash", ColumnKind.Text, false),
        new("ts", ColumnKind.Timestamp, false),
        new("event_type", ColumnKind.Text, true),
        new("device", ColumnKind.Text, false),
        new("browser", ColumnKind.Text, true),
        new("network", ColumnKind.Text, true),
        new("page", ColumnKind.Text, true),
        new("course_id", ColumnKind.Text, true),
        new("chapter_id", ColumnKind.Text, true),
        new("time_spent_sec", ColumnKind.Double, true),
        new("arrival_date", ColumnKind.Date, false),
        new("source_file", ColumnKind.Text, false),
        new("source_line", ColumnKind.Int64, false),
    ];
}
