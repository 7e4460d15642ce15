using System.IO.Compression;
using System.Text;
using Orchestrated.Domain.Events;
using Orchestrated.Domain.Ingest;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Tests.Ingest;

/// <summary>Ingest's rules on bytes in memory: every record accepted under its event date or quarantined with a reason.</summary>
[Trait("Probe", "hostile")]
public class ArrivalIngestTests
{
    private static readonly DateOnly Arrival = new(2026, 3, 2);
    private readonly Sinks _sinks = new();

    private ArrivalIngest Ingest(int maxRecordBytes = 1 << 20, long maxFileBytes = 1L << 30, int maxEventDates = 400) =>
        new(Arrival, new IngestLimits(maxRecordBytes, maxFileBytes, maxEventDates), _sinks, _sinks);

    private static string Event(string id, string timestamp, string student = "S1") =>
        $$"""{"event_id":"{{id}}","student_id":"{{student}}","timestamp":"{{timestamp}}","event_type":"page_view"}""";

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Every_record_is_accepted_under_its_event_date_or_quarantined_with_its_reason()
    {
        var ingest = Ingest();
        var file = string.Join('\n',
            Event("e1", "2026-03-01T23:59:00Z"),
            "",
            Event("e2", "2026-03-02T08:00:00Z"),
            "{not json",
            """{"event_id":"e3","timestamp":"2026-03-02T08:00:00Z","event_type":"page_view"}""",
            "   ",
            Event("e4", "2026-03-02T09:00:00Z")) + "\n";
        await using var stream = Bytes(file);
        await ingest.ReadFileAsync("a.jsonl", stream.Length, stream);

        Assert.Equal(5, ingest.Records);
        Assert.Equal(3, ingest.Accepted);
        Assert.Equal(2, ingest.QuarantinedTotal);
        Assert.Equal(2, ingest.BlankLines);
        Assert.Equal([Arrival.AddDays(-1), Arrival], ingest.EventDates);
        Assert.Equal([(Arrival.AddDays(-1), 1L), (Arrival, 3L), (Arrival, 7L)], _sinks.Accepted.Select(a => (a.Date, a.Line)));
        Assert.Equal([("malformed_json", 4L), ("missing_student_id", 5L)],
            _sinks.Quarantined.Select(q => (q.Reason.ToContractName(), q.Line)));
        Assert.Equal(1, ingest.QuarantineCounts()["malformed_json"]);
        Assert.All(ingest.Quality(), q => Assert.True(q.Passed, q.Detail));
    }

    [Fact]
    public async Task A_json_array_file_is_one_record_per_element()
    {
        var ingest = Ingest();
        await using var stream = Bytes($"[{Event("e1", "2026-03-02T08:00:00Z")},\n {Event("e2", "2026-03-02T08:01:00Z")}]");
        await ingest.ReadFileAsync("batch.json", stream.Length, stream);
        Assert.Equal(2, ingest.Accepted);
        Assert.Empty(_sinks.Quarantined);
    }

    [Fact]
    public async Task A_line_over_the_size_limit_is_one_quarantined_record_with_its_text_cut()
    {
        var ingest = Ingest(maxRecordBytes: 4096);
        var huge = "{\"x\":\"" + new string('a', 10_000) + "\"}";
        await using var stream = Bytes(huge + "\n" + Event("e1", "2026-03-02T08:00:00Z") + "\n");
        await ingest.ReadFileAsync("a.jsonl", stream.Length, stream);
        Assert.Equal(1, ingest.Accepted);
        var q = Assert.Single(_sinks.Quarantined);
        Assert.Equal(QuarantineReason.MalformedJson, q.Reason);
        Assert.True(q.Raw is null || q.Raw.Length <= QuarantinedRecord.MaxRawBytes);
    }

    [Fact]
    public async Task A_gzip_file_cut_short_adds_one_quarantined_record_instead_of_losing_its_tail_silently()
    {
        var lines = string.Concat(Enumerable.Range(0, 2000).Select(i => Event($"e{i}", "2026-03-02T08:00:00Z") + "\n"));
        var whole = Gzip(lines);

        var complete = Ingest();
        await using (var stream = new MemoryStream(whole)) await complete.ReadFileAsync("a.jsonl.gz", whole.Length, stream);
        Assert.Equal(2000, complete.Accepted);
        Assert.Equal(0, complete.UnreadableTails);

        _sinks.Clear();
        var cut = whole[..^6]; // the trailer's size field and two more bytes gone
        var truncated = Ingest();
        await using (var stream = new MemoryStream(cut)) await truncated.ReadFileAsync("a.jsonl.gz", cut.Length, stream);
        Assert.Equal(1, truncated.UnreadableTails);
        Assert.Equal(truncated.Records, truncated.Accepted + truncated.QuarantinedTotal);
        Assert.Contains(_sinks.Quarantined, q => q.Reason == QuarantineReason.MalformedJson);
    }

    [Fact]
    public async Task An_empty_file_is_counted_and_is_not_an_error()
    {
        var ingest = Ingest();
        await using var stream = new MemoryStream();
        await ingest.ReadFileAsync("empty.jsonl", 0, stream);
        Assert.Equal(1, ingest.EmptyFiles);
        Assert.Equal(0, ingest.Records);
    }

    [Fact]
    public async Task Events_stamped_far_after_the_arrival_are_quarantined_as_from_the_future()
    {
        var ingest = Ingest();
        await using var stream = Bytes(Event("e1", "2026-03-09T08:00:00Z") + "\n");
        await ingest.ReadFileAsync("a.jsonl", stream.Length, stream);
        Assert.Equal(0, ingest.Accepted);
        Assert.Equal(QuarantineReason.FutureTimestamp, Assert.Single(_sinks.Quarantined).Reason);
    }

    [Fact]
    public async Task A_flood_of_blank_lines_before_one_event_is_counted_and_the_event_kept_with_its_line_number()
    {
        var ingest = Ingest();
        await using var stream = Bytes(new string('\n', 3_000_000) + "  \t\r\n" + Event("e1", "2026-03-02T08:00:00Z") + "\n");
        await ingest.ReadFileAsync("blank.jsonl", stream.Length, stream);
        Assert.Equal(1, ingest.Accepted);
        Assert.Equal(3_000_001, ingest.BlankLines);
        Assert.Equal(3_000_002L, Assert.Single(_sinks.Accepted).Line);
    }

    [Fact]
    public async Task A_gzip_bomb_is_read_up_to_its_bound_and_the_rest_is_one_over_limit_row()
    {
        var bomb = Gzip(Event("e1", "2026-03-02T08:00:00Z") + "\n" + new string('\n', 4_000_000)
            + Event("e2", "2026-03-02T08:00:01Z") + "\n");
        var ingest = Ingest(maxFileBytes: 1 << 20);
        await using (var stream = new MemoryStream(bomb)) await ingest.ReadFileAsync("bomb.jsonl.gz", bomb.Length, stream);
        Assert.Equal(1, ingest.Accepted);
        var over = Assert.Single(_sinks.Quarantined);
        Assert.Equal(QuarantineReason.OverLimit, over.Reason);
        Assert.Contains("decompresses to more than 1 MiB (max_file_megabytes)", over.Detail);
        Assert.Equal(0, ingest.UnreadableTails); // cut by us, not truncated
        Assert.Equal(ingest.Records, ingest.Accepted + ingest.QuarantinedTotal);
    }

    [Fact]
    public async Task A_plain_file_over_its_bound_is_cut_the_same_way()
    {
        var ingest = Ingest(maxFileBytes: 4096);
        var lines = string.Concat(Enumerable.Range(0, 200).Select(i => Event($"e{i}", "2026-03-02T08:00:00Z") + "\n"));
        await using var stream = Bytes(lines);
        await ingest.ReadFileAsync("big.jsonl", stream.Length, stream);
        Assert.InRange(ingest.Accepted, 1, 199);
        Assert.Contains(_sinks.Quarantined, q => q.Reason == QuarantineReason.OverLimit && q.Detail!.Contains("holds more than"));
        Assert.Equal(ingest.Records, ingest.Accepted + ingest.QuarantinedTotal);
    }

    [Fact]
    public async Task Events_of_more_distinct_dates_than_the_bound_are_over_limit_and_known_dates_still_accepted()
    {
        var ingest = Ingest(maxEventDates: 2);
        await using var stream = Bytes(string.Join('\n',
            Event("e1", "2026-03-02T08:00:00Z"), Event("e2", "2026-03-01T08:00:00Z"), Event("e3", "2025-01-01T08:00:00Z"),
            Event("e4", "2026-03-02T09:00:00Z")) + "\n");
        await ingest.ReadFileAsync("a.jsonl", stream.Length, stream);
        Assert.Equal(3, ingest.Accepted);
        Assert.Equal(2, ingest.EventDates.Count);
        var over = Assert.Single(_sinks.Quarantined);
        Assert.Equal((QuarantineReason.OverLimit, 3L), (over.Reason, over.Line));
        Assert.Contains("max_event_dates", over.Detail);
    }

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(Encoding.UTF8.GetBytes(text));
        return output.ToArray();
    }

    private sealed class Sinks : IBronzeSink, IQuarantineSink
    {
        public List<(DateOnly Date, string File, long Line, string? Id)> Accepted { get; } = [];
        public List<QuarantinedRecord> Quarantined { get; } = [];

        public void Accept(RawEvent e, DateOnly eventDate, string file, long line) =>
            Accepted.Add((eventDate, file, line, RawEvent.Text(e.EventId)));

        public Task QuarantineAsync(QuarantinedRecord record)
        {
            Quarantined.Add(record);
            return Task.CompletedTask;
        }

        public void Clear()
        {
            Accepted.Clear();
            Quarantined.Clear();
        }
    }
}
