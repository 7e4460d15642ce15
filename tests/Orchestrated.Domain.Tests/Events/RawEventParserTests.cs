using System.Text;
using Orchestrated.Domain.Events;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Tests.Events;

public class RawEventParserTests
{
    private static readonly DateOnly RawDate = new(2026, 3, 2);
    private readonly RawEventParser _parser = new(UtcMicros.StartOf(RawDate.AddDays(2)));
    private readonly RawEvent _event = new();

    private ParseOutcome Parse(string json) => _parser.Parse(Encoding.UTF8.GetBytes(json), _event);

    private static string? Text(ReadOnlyMemory<byte>? field) => RawEvent.Text(field);

    [Fact]
    public void A_complete_event_is_accepted_with_every_field()
    {
        var outcome = Parse("""
            {"event_id":"e1","student_id":" S1 ","timestamp":"2026-03-02T10:00:00Z","event_type":"page_view",
             "page_url":"https://lms/course/C1/chapter/2","screen_name":"Home","device":"Mobile","browser":"Chrome","network":"wifi",
             "course_id":"C9","chapter_id":7,"metadata":{"scroll_depth":0.5,"time_spent_sec":12.5}}
            """);
        Assert.True(outcome.IsAccepted, outcome.Detail);
        Assert.Equal("e1", Text(_event.EventId));
        Assert.Equal(" S1 ", Text(_event.StudentId)); // bronze keeps it as sent; cleaning trims
        Assert.Equal(UtcMicros.StartOf(RawDate) + 10 * 3600 * UtcMicros.PerSecond, _event.TimestampMicros);
        Assert.Equal("page_view", Text(_event.EventType));
        Assert.Equal("https://lms/course/C1/chapter/2", Text(_event.PageUrl));
        Assert.Equal("Home", Text(_event.ScreenName));
        Assert.Equal("Mobile", Text(_event.Device));
        Assert.Equal("Chrome", Text(_event.Browser));
        Assert.Equal("wifi", Text(_event.Network));
        Assert.Equal("C9", Text(_event.CourseId));
        Assert.Equal("7", Text(_event.ChapterId)); // a number keeps its JSON spelling
        Assert.Equal(12.5, _event.TimeSpentSec);
        Assert.Equal("""{"scroll_depth":0.5,"time_spent_sec":12.5}""", Text(_event.Metadata));
        Assert.Null(_event.Extra);
    }

    [Fact]
    public void Unknown_fields_are_kept_as_one_json_object()
    {
        Assert.True(Parse("""{"student_id":"S1","timestamp":"2026-03-02T10:00:00Z","app_version":"5.2","experiment":{"group":"B"}}""")
            .IsAccepted);
        Assert.Equal("""{"app_version":"5.2","experiment":{"group":"B"}}""", Text(_event.Extra));
    }

    [Theory]
    [InlineData("""{"student_id":"S1","timestamp":""")]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("42")]
    [InlineData("""{"student_id":"S1","timestamp":"2026-03-02T10:00:00Z"} {"again":1}""")]
    [InlineData("""{"student_id":"S1","timestamp":"2026-03-02T10:00:00Z",}""")]
    public void Malformed_json_is_quarantined_as_malformed_json(string line) =>
        Assert.Equal(QuarantineReason.MalformedJson, Parse(line).Reason);

    [Fact]
    public void Invalid_utf8_is_quarantined_as_malformed_json()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"student_id":"S?","timestamp":"2026-03-02T10:00:00Z"}""");
        bytes[Array.IndexOf(bytes, (byte)'?')] = 0xFF;
        Assert.Equal(QuarantineReason.MalformedJson, _parser.Parse(bytes, _event).Reason);
    }

    [Theory]
    [InlineData("""{"timestamp":"2026-03-02T10:00:00Z"}""")]
    [InlineData("""{"student_id":null,"timestamp":"2026-03-02T10:00:00Z"}""")]
    [InlineData("""{"student_id":"","timestamp":"2026-03-02T10:00:00Z"}""")]
    [InlineData("""{"student_id":"   ","timestamp":"2026-03-02T10:00:00Z"}""")]
    [InlineData("""{"student_id":12345,"timestamp":"2026-03-02T10:00:00Z"}""")]
    [InlineData("""{"student_id":{"id":"S1"},"timestamp":"2026-03-02T10:00:00Z"}""")]
    public void A_student_id_that_is_not_a_non_empty_string_is_missing_student_id(string line) =>
        Assert.Equal(QuarantineReason.MissingStudentId, Parse(line).Reason);

    [Theory]
    [InlineData("""{"student_id":"S1"}""")]
    [InlineData("""{"student_id":"S1","timestamp":null}""")]
    [InlineData("""{"student_id":"S1","timestamp":""}""")]
    public void An_absent_null_or_empty_timestamp_is_missing_timestamp(string line) =>
        Assert.Equal(QuarantineReason.MissingTimestamp, Parse(line).Reason);

    [Theory]
    [InlineData("""{"student_id":"S1","timestamp":"2026-03-02T10:00:00"}""")]
    [InlineData("""{"student_id":"S1","timestamp":"yesterday"}""")]
    [InlineData("""{"student_id":"S1","timestamp":true}""")]
    [InlineData("""{"student_id":"S1","timestamp":{"iso":"2026-03-02T10:00:00Z"}}""")]
    [InlineData("""{"student_id":"S1","timestamp":1e300}""")]
    [InlineData("""{"student_id":"S1","timestamp":1e27}""")]     // a decimal too large to turn into microseconds
    [InlineData("""{"student_id":"S1","timestamp":-7.9e28}""")]
    public void A_timestamp_without_zone_or_of_the_wrong_kind_is_invalid_timestamp(string line) =>
        Assert.Equal(QuarantineReason.InvalidTimestamp, Parse(line).Reason);

    [Fact]
    public void A_timestamp_more_than_24h_after_the_end_of_the_raw_date_is_future_timestamp()
    {
        Assert.True(Parse("""{"student_id":"S1","timestamp":"2026-03-04T00:00:00Z"}""").IsAccepted); // exactly 24 h after the end
        Assert.Equal(QuarantineReason.FutureTimestamp, Parse("""{"student_id":"S1","timestamp":"2026-03-04T00:00:00.000001Z"}""").Reason);
    }

    [Fact]
    public void Reasons_are_checked_in_contract_order_student_id_before_timestamp() =>
        Assert.Equal(QuarantineReason.MissingStudentId, Parse("""{"timestamp":"bad"}""").Reason);

    [Fact]
    public void Epoch_milliseconds_timestamp_is_accepted()
    {
        Assert.True(Parse("""{"student_id":"S1","timestamp":1772445600000}""").IsAccepted);
        Assert.Equal(UtcMicros.StartOf(RawDate) + 10 * 3600 * UtcMicros.PerSecond, _event.TimestampMicros);
    }

    [Theory]
    [InlineData("""{"time_spent_sec":"20"}""", null)]
    [InlineData("""{"time_spent_sec":-5}""", -5.0)]
    [InlineData("""{"time_spent_sec":30.5}""", 30.5)]
    [InlineData("""{"other":1}""", null)]
    [InlineData("""{"nested":{"time_spent_sec":99}}""", null)]
    public void Metadata_time_spent_is_taken_only_when_it_is_a_number(string metadata, double? expected)
    {
        Assert.True(Parse($$"""{"student_id":"S1","timestamp":"2026-03-02T10:00:00Z","metadata":{{metadata}}}""").IsAccepted);
        Assert.Equal(expected, _event.TimeSpentSec);
    }

    [Fact]
    public void Escaped_strings_are_unescaped()
    {
        Assert.True(Parse("""{"event_id":"e\u0031","student_id":"S\u00e9","timestamp":"2026-03-02T10:00:00\u005A","device":"tab\tlet"}""")
            .IsAccepted);
        Assert.Equal("e1", Text(_event.EventId));
        Assert.Equal("Sé", Text(_event.StudentId));
        Assert.Equal("tab\tlet", Text(_event.Device));
    }

    [Fact]
    public void Reusing_the_parser_clears_fields_of_the_previous_line()
    {
        Assert.True(Parse("""{"event_id":"e1","student_id":"S1","timestamp":"2026-03-02T10:00:00Z","device":"mobile","metadata":""" +
            """{"time_spent_sec":3}}""").IsAccepted);
        Assert.True(Parse("""{"student_id":"S2","timestamp":"2026-03-02T10:00:00Z"}""").IsAccepted);
        Assert.Null(_event.EventId);
        Assert.Null(_event.Device);
        Assert.Null(_event.TimeSpentSec);
        Assert.Null(_event.Metadata);
    }
}
