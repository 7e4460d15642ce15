using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Buffers;
using Orchestrated.Domain.Text;
using Orchestrated.Storage.Parquet.Codec;

namespace Orchestrated.Storage.Parquet;

public static class SilverEventsFileReader
{
    /// <summary>
    /// The day's events as the sessionizer reads them: only the columns the pass needs, one batch per row group, the
    /// row groups in file (time) order or, <paramref name="backward"/>, from the last. Batches share their arrays: use
    /// a batch before asking for the next.
    /// </summary>
    public static IEnumerable<SessionEventBatch> ReadForSessions(Stream stream, EventDetail detail, SessionRules rules, string location,
        bool backward = false)
    {
        using var reader = ColumnarFileReader.Open(stream, location);
        reader.Require(SilverEventsTable.Columns, "silver_events");
        if (reader.RowGroupCount == 0) yield break;
        var capacity = Enumerable.Range(0, reader.RowGroupCount).Max(reader.RowsIn);
        var full = detail == EventDetail.Full;
        var ts = ArrayLoans.Rent<long>(capacity);
        using var student = new TextColumn(capacity);
        using var device = new TextColumn(capacity);
        using var browser = rules.SplitOnBrowser ? new TextColumn(capacity) : null;
        using var network = rules.SplitOnNetwork ? new TextColumn(capacity) : null;
        using var page = full ? new TextColumn(capacity) : null;
        var spent = full ? ArrayLoans.Rent<double?>(capacity) : null;
        try
        {
            for (var g = 0; g < reader.RowGroupCount; g++)
            {
                var i = backward ? reader.RowGroupCount - 1 - g : g;
                reader.ReadInt64(i, "ts", ts);
                reader.ReadTexts(i, "student_hash", student);
                reader.ReadTexts(i, "device", device);
                if (browser is not null) reader.ReadTexts(i, "browser", browser);
                if (network is not null) reader.ReadTexts(i, "network", network);
                if (page is not null) reader.ReadTexts(i, "page", page);
                if (spent is not null) reader.ReadDoubles(i, "time_spent_sec", spent);
                yield return new SessionEventBatch
                {
                    Count = reader.RowsIn(i), Ts = ts, Student = student, Device = device, Browser = browser, Network = network,
                    Page = page, TimeSpentSec = spent,
                };
            }
        }
        finally
        {
            ArrayLoans.Return(ref ts);
            if (spent is not null) ArrayLoans.Return(ref spent);
        }
    }

    /// <summary>Every row, for inspection and tests.</summary>
    public static IReadOnlyList<SilverEventRow> ReadAll(Stream stream, string location)
    {
        using var reader = ColumnarFileReader.Open(stream, location);
        reader.Require(SilverEventsTable.Columns, "silver_events");
        var rows = new List<SilverEventRow>();
        for (var i = 0; i < reader.RowGroupCount; i++)
        {
            var n = reader.RowsIn(i);
            string?[] Text(string column)
            {
                var values = new TextColumn(n);
                reader.ReadTexts(i, column, values);
                return Enumerable.Range(0, n).Select(values.Text).ToArray();
            }
            var eventId = Text("event_id");
            var student = Text("student_hash");
            var ts = new long[n];
            reader.ReadInt64(i, "ts", ts);
            var eventType = Text("event_type");
            var device = Text("device");
            var browser = Text("browser");
            var network = Text("network");
            var page = Text("page");
            var course = Text("course_id");
            var chapter = Text("chapter_id");
            var spent = new double?[n];
            reader.ReadDoubles(i, "time_spent_sec", spent);
            var arrival = new DateOnly[n];
            reader.ReadDates(i, "arrival_date", arrival);
            var file = Text("source_file");
            var line = new long[n];
            reader.ReadInt64(i, "source_line", line);
            for (var r = 0; r < n; r++)
                rows.Add(new SilverEventRow(eventId[r], student[r]!, ts[r], eventType[r], device[r]!, browser[r], network[r], page[r],
                    course[r], chapter[r], spent[r], arrival[r], file[r]!, line[r]));
        }
        return rows;
    }
}
