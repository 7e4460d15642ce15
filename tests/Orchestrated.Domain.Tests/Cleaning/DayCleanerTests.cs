using Orchestrated.Domain.Cleaning;
using Orchestrated.Domain.Text;
using static Orchestrated.Domain.Tests.Cleaning.BronzeRows;

namespace Orchestrated.Domain.Tests.Cleaning;

/// <summary>The contract's cleaning rules on rows in memory: no Parquet, no storage.</summary>
public class DayCleanerTests
{
    private static readonly byte[] Key = "a test key of thirty-two bytes!!"u8.ToArray();

    private static DayCleaner Cleaner() => new(Day, Key, expectedRows: 16);

    private static string? EventId(DayCleaner c, int row) =>
        c.Rows.EventId[row] == TextArena.None ? null : System.Text.Encoding.UTF8.GetString(c.Rows.EventIds.Span(c.Rows.EventId[row]));

    private static string? Text(DayCleaner c, int symbol) => c.Rows.Texts.TextOf(symbol);

    [Fact]
    public void The_first_seen_copy_of_an_event_id_is_kept_and_later_copies_are_counted()
    {
        using var c = Cleaner();
        using (var own = Batch(new BronzeRow("e1", "S1", At(9), Line: 1), new BronzeRow("e2", "S1", At(9, 5), Line: 2),
            new BronzeRow("e1", "S1", At(9), Line: 3)))
            c.Add(own, Day);
        using (var next = Batch(new BronzeRow("e2", "S1", At(9, 5), File: "resent.jsonl", Line: 7)))
            c.Add(next, Day.AddDays(1));

        Assert.Equal(4, c.RowsRead);
        Assert.Equal(2, c.Rows.Count);
        Assert.Equal(2, c.Duplicates);
        Assert.Equal(new[] { "e1", "e2" }, new[] { EventId(c, 0), EventId(c, 1) });
        Assert.Equal([1L, 2L], new[] { c.Rows.SourceLine[0], c.Rows.SourceLine[1] });
        Assert.Equal([Day, Day], new[] { c.Rows.ArrivalDate[0], c.Rows.ArrivalDate[1] });
        Assert.All(c.Quality(), q => Assert.True(q.Passed, q.Detail));
    }

    [Fact]
    public void Events_without_an_id_are_never_duplicates_and_are_counted()
    {
        using var c = Cleaner();
        using (var b = Batch(new BronzeRow(null, "S1", At(9)), new BronzeRow(null, "S1", At(9), Line: 2)))
            c.Add(b, Day);
        Assert.Equal(2, c.Rows.Count);
        Assert.Equal(0, c.Duplicates);
        Assert.Equal(2, c.EventsWithoutId);
        Assert.Equal(2, c.Anomalies()["events_without_id"]);
    }

    [Fact]
    public void An_event_that_arrives_more_than_a_day_after_its_date_is_late_and_still_kept()
    {
        using var c = Cleaner();
        using (var b = Batch(new BronzeRow("e1", "S1", At(23, 59)))) c.Add(b, Day.AddDays(1));
        using (var b = Batch(new BronzeRow("e2", "S1", At(23, 59, 30)))) c.Add(b, Day.AddDays(2));
        Assert.Equal(1, c.LateEvents);
        Assert.Equal(2, c.Rows.Count);
        Assert.Equal(1, c.Anomalies()["late_events"]);
    }

    [Fact]
    public void Out_of_order_counts_a_student_going_back_in_time_within_one_file_only()
    {
        using var c = Cleaner();
        using (var b = Batch(
                   new BronzeRow("e1", "S1", At(10)),
                   new BronzeRow("e2", "S1", At(9)),                      // back in time in a.jsonl: counted
                   new BronzeRow("e3", "S2", At(8)),                      // another student: not
                   new BronzeRow("e4", "S1", At(9, 30), File: "b.jsonl"), // another file: not
                   new BronzeRow("e5", "S1", At(9, 45))))                 // after e2 but before e1, the latest: counted
            c.Add(b, Day);
        Assert.Equal(2, c.OutOfOrderEvents);
    }

    [Fact]
    public void Equal_times_order_events_without_id_first_then_by_id_bytes_then_first_seen()
    {
        using var c = Cleaner();
        using (var b = Batch(
                   new BronzeRow("b", "S1", At(9), Line: 1),
                   new BronzeRow(null, "S2", At(9), Line: 2),
                   new BronzeRow("B", "S1", At(9), Line: 3),  // 'B' (0x42) before 'b' (0x62): ordinal, not culture
                   new BronzeRow("a", "S1", At(10), Line: 4),
                   new BronzeRow(null, "S3", At(9), Line: 5),
                   new BronzeRow("c", "S1", At(8), Line: 6)))
            c.Add(b, Day);
        var order = c.SortedOrder();
        try
        {
            var lines = order.Take(c.Rows.Count).Select(r => c.Rows.SourceLine[r]).ToArray();
            Assert.Equal([6L, 2, 5, 3, 1, 4], lines);
        }
        finally
        {
            Orchestrated.Domain.Buffers.ArrayLoans.Return(ref order);
        }
    }

    [Fact]
    public void Students_are_hashed_and_their_raw_ids_never_reach_the_output_texts()
    {
        using var c = Cleaner();
        using (var b = Batch(new BronzeRow("e1", "raw-student-7", At(9)), new BronzeRow("e2", "raw-student-7", At(9, 1))))
            c.Add(b, Day);
        using var hasher = new StudentHasher(Key);
        Assert.Equal(hasher.Hash("raw-student-7"), Text(c, c.Rows.StudentHash[0]));
        Assert.Equal(c.Rows.StudentHash[0], c.Rows.StudentHash[1]);
        var texts = Enumerable.Range(0, c.Rows.Texts.Count).Select(c.Rows.Texts.TextOf).ToList();
        Assert.DoesNotContain("raw-student-7", texts);
    }

    [Fact]
    public void Devices_are_normalised_and_a_missing_device_is_unknown()
    {
        using var c = Cleaner();
        using (var b = Batch(new BronzeRow("e1", "S1", At(9), Device: " MOBILE "), new BronzeRow("e2", "S1", At(9, 1), Device: null)))
            c.Add(b, Day);
        Assert.Equal(DeviceName.Normalize(" MOBILE "), Text(c, c.Rows.Device[0]));
        Assert.Equal(DeviceName.Unknown, Text(c, c.Rows.Device[1]));
    }

    [Fact]
    public void Pages_courses_and_chapters_come_from_the_page_location_rule()
    {
        using var c = Cleaner();
        using (var b = Batch(new BronzeRow("e1", "S1", At(9), PageUrl: "https://lms/course/C1/chapter/2"))) c.Add(b, Day);
        var expected = PageLocation.Resolve("https://lms/course/C1/chapter/2".AsMemory(), null, null, null);
        Assert.Equal(expected.Page?.ToString(), Text(c, c.Rows.Page[0]));
        Assert.Equal(expected.CourseId?.ToString(), Text(c, c.Rows.CourseId[0]));
        Assert.Equal(expected.ChapterId?.ToString(), Text(c, c.Rows.ChapterId[0]));
    }

    [Fact]
    public async Task The_source_port_offers_every_arrival_in_first_seen_order()
    {
        using var c = Cleaner();
        var source = new ListSource(
            (Day, [new BronzeRow("e1", "S1", At(9))]),
            (Day.AddDays(1), [new BronzeRow("e1", "S1", At(9), File: "again.jsonl"), new BronzeRow("e2", "S1", At(9, 2))]));
        await c.AddAllAsync(source);
        Assert.Equal(3, c.RowsRead);
        Assert.Equal(1, c.Duplicates);
        Assert.Equal(Day, c.Rows.ArrivalDate[0]);
        Assert.Equal(Day.AddDays(1), c.Rows.ArrivalDate[1]);
    }

    private sealed class ListSource(params (DateOnly Arrival, BronzeRow[] Rows)[] arrivals) : IBronzeDaySource
    {
        public async IAsyncEnumerable<ArrivalBatch> ReadFirstSeenAsync(DateOnly eventDate,
            [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            foreach (var (arrival, rows) in arrivals)
            {
                await Task.Yield();
                using var batch = Batch(rows);
                yield return new ArrivalBatch(arrival, batch);
            }
        }
    }
}
