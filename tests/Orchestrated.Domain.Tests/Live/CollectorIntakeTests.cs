using System.Text;
using Orchestrated.Domain.Live;

namespace Orchestrated.Domain.Tests.Live;

/// <summary>The collector checks each posted line by the batch ingest rules, and keeps one student in one partition.</summary>
public sealed class CollectorIntakeTests
{
    private static readonly DateOnly Arrival = new(2026, 3, 2);

    private static string Event(string id, string student, string ts = "2026-03-02T10:00:00Z") =>
        $"{{\"event_id\":\"{id}\",\"student_id\":\"{student}\",\"timestamp\":\"{ts}\",\"event_type\":\"page_view\"," +
        "\"page_url\":\"https://lms.example.edu/course/C1/chapter/1/page/1\",\"device\":\"desktop\"}";

    private static IntakeResult Check(string body, int partitions = 4) =>
        CollectorIntake.Check(new MemoryStream(Encoding.UTF8.GetBytes(body)), Arrival, 1 << 20, new EventPartitioner(partitions));

    [Fact]
    public void Bad_lines_get_the_reasons_a_file_would_give_them_and_good_ones_are_kept_as_sent()
    {
        var good = Event("e1", "S1");
        var body = string.Join("\n", good, "{not json", "{\"event_id\":\"e2\",\"timestamp\":\"2026-03-02T10:00:00Z\"}",
            Event("e3", "S1", ts: "yesterday-ish"), Event("e4", "S1", ts: "2026-03-09T10:00:00Z"), "", Event("e5", "S2"));
        var result = Check(body);
        Assert.Equal([1L, 7L], result.Accepted.Select(a => a.Line));
        Assert.Equal(good, Encoding.UTF8.GetString(result.Accepted[0].Bytes));
        Assert.Equal([(2L, "malformed_json"), (3L, "missing_student_id"), (4L, "invalid_timestamp"), (5L, "future_timestamp")],
            result.Refused.Select(r => (r.Line, r.Reason)));
        Assert.Equal(4, result.RefusedCount);
    }

    [Fact]
    public void A_json_array_is_taken_as_a_file_would_be()
    {
        var result = Check($"[{Event("e1", "S1")},{Event("e2", "S2")}]");
        Assert.Equal(2, result.Accepted.Count);
        Assert.Empty(result.Refused);
    }

    [Fact]
    public void One_student_is_one_partition_however_the_id_is_padded_and_partitions_never_move()
    {
        var partitioner = new EventPartitioner(8);
        Assert.Equal(partitioner.Of("S000123"), partitioner.Of("  S000123 "));
        var spread = Enumerable.Range(0, 800).Select(i => partitioner.Of($"S{i:D6}")).GroupBy(p => p)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(8, spread.Count);
        Assert.All(spread.Values, n => Assert.InRange(n, 60, 140));
        // Pinned: a new key or hash would send students' new events to other partitions than their open sessions.
        Assert.Equal([2, 4, 6, 2], new[] { "S000000", "S000001", "S000002", "S000003" }.Select(partitioner.Of));
    }

    [Fact]
    public void Refusals_listed_are_bounded_but_all_are_counted()
    {
        var body = string.Join("\n", Enumerable.Repeat("{broken", CollectorIntake.MaxListedRefusals + 50));
        var result = Check(body);
        Assert.Equal(CollectorIntake.MaxListedRefusals, result.Refused.Count);
        Assert.Equal(CollectorIntake.MaxListedRefusals + 50, result.RefusedCount);
    }
}
