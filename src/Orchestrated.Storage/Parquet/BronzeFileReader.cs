using Orchestrated.Domain.Cleaning;
using Orchestrated.Storage.Parquet.Codec;

namespace Orchestrated.Storage.Parquet;

public static class BronzeFileReader
{
    /// <summary>The row groups of one event date, in file order (so first-seen order is kept).</summary>
    public static IEnumerable<BronzeEventBatch> ReadEventDate(Stream stream, DateOnly eventDate, string location)
    {
        using var reader = ColumnarFileReader.Open(stream, location);
        reader.Require(BronzeTable.Columns, "bronze_events");
        var dates = RowGroupDates(reader, location);
        var wanted = eventDate.ToString("yyyy-MM-dd");
        var groups = Enumerable.Range(0, reader.RowGroupCount).Where(i => dates[i] == wanted).ToList();
        if (groups.Count == 0) yield break;
        using var batch = new BronzeEventBatch(groups.Max(reader.RowsIn));
        foreach (var i in groups)
        {
            batch.Count = reader.RowsIn(i);
            reader.ReadTexts(i, "source_file", batch.SourceFile);
            reader.ReadInt64(i, "source_line", batch.SourceLine);
            reader.ReadTexts(i, "event_id", batch.EventId);
            reader.ReadTexts(i, "student_id", batch.StudentId);
            reader.ReadInt64(i, "ts", batch.Ts);
            reader.ReadTexts(i, "event_type", batch.EventType);
            reader.ReadTexts(i, "page_url", batch.PageUrl);
            reader.ReadTexts(i, "screen_name", batch.ScreenName);
            reader.ReadTexts(i, "device", batch.Device);
            reader.ReadTexts(i, "browser", batch.Browser);
            reader.ReadTexts(i, "network", batch.Network);
            reader.ReadTexts(i, "course_id", batch.CourseId);
            reader.ReadTexts(i, "chapter_id", batch.ChapterId);
            reader.ReadDoubles(i, "time_spent_sec", batch.TimeSpentSec);
            yield return batch;
        }
    }

    /// <summary>The event date of each row group, from the file's metadata.</summary>
    private static string[] RowGroupDates(ColumnarFileReader reader, string location)
    {
        if (reader.RowGroupCount == 0) return [];
        if (!reader.KeyValues.TryGetValue(BronzeTable.RowGroupDatesKey, out var list))
            throw new InvalidDataException($"{location}: bronze file without '{BronzeTable.RowGroupDatesKey}' metadata.");
        var dates = list.Split(',');
        if (dates.Length != reader.RowGroupCount)
            throw new InvalidDataException($"{location}: {dates.Length} row-group dates for {reader.RowGroupCount} row groups.");
        return dates;
    }
}
