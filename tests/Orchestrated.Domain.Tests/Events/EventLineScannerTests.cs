using System.Buffers;
using System.Text;
using CsCheck;
using Orchestrated.Domain.Events;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Tests.Events;

/// <summary>
/// The scanner is a fast path only: whatever it accepts, the full parser (System.Text.Json) must accept with the very
/// same event. Checked on generated lines — valid, odd and broken — and on the lines real feeds send, which it must take.
/// </summary>
public class EventLineScannerTests
{
    private static readonly long Latest = UtcMicros.StartOf(new DateOnly(2026, 3, 4));
    /// <summary>Shared by the generated lines, so names are matched against the orders earlier lines taught, right or wrong.</summary>
    [ThreadStatic] private static KeyOrder? _order;
    private static KeyOrder Order => _order ??= new KeyOrder();

    [Theory]
    [InlineData("""{"event_id":"a5d44817-aaa5-5537-870c-9f3688cb39e8","student_id":"S000000","timestamp":"2026-03-02T""" +
        """08:19:51.025Z","event_type":"quiz_submit","page_url":"https://lms.example.edu/course/C106/chapter/12/""" +
        """page/4","device":" DESKTOP ","browser":"Chrome","network":"wifi","metadata":{"scroll_depth":0.15,"time_spent_sec":17.1}}""")]
    [InlineData("""{"event_id":"ebc8c4a6","student_id":"S000003","timestamp":"2026-03-02T""" +
        """09:43:16.837Z","event_type":"page_view","screen_name":"C136 \u00B7 chapter 2""" +
        """ \u00B7 lesson 7","device":"mobile","network":"wifi","course_id":"C136","chapter_id":"2","metadata":""" +
        """{"scroll_depth":0.48,"time_spent_sec":87.3},"app_version":"5.2.1"}""")]
    [InlineData("""{"event_id":"e-format-ms","student_id":"S1","timestamp":1772445600000,"metadata":{}}""")]
    [InlineData("""{"event_id":"e-format-offset","student_id":"S1","timestamp":"2026-03-02T15:30:00.123456789+05:30","chapter_id":7}""")]
    [InlineData("""{"event_id":"e-escaped-plus","student_id":"S1","timestamp":"2026-03-02T15:30:00.460\u002B05:30","page_url":"/""" +
        """search?q=chapter\u002B4"}""")]
    [InlineData("""  { "student_id" : "Sé 学" , "timestamp" : "2026-03-02T10:00:00Z" , "metadata" : null ,""" +
        """ "tags" : ["a", {"b": [1, 2.5e3, true, false, null]}] }  """)]
    [InlineData("""{"student_id":"S1","timestamp":"2026-03-02T10:00:00Z","device":"tab\tlet \ud83d\ude00 \"q\" \\ \/"}""")]
    public void Lines_as_feeds_send_them_are_taken_by_the_scanner(string line)
    {
        var parser = new RawEventParser(Latest);
        Assert.True(parser.Parse(Encoding.UTF8.GetBytes(line), new RawEvent()).IsAccepted);
        Assert.Equal(1, parser.ScannedLines);
        AssertSameAsFullParser(Encoding.UTF8.GetBytes(line));
    }

    /// <summary>Names are matched against the order of the lines before: same order, a field left out, a new order, odd spacing.</summary>
    [Fact]
    public void Lines_in_one_order_a_field_left_out_or_another_order_are_read_the_same()
    {
        string[] lines =
        [
            """{"event_id":"e1","student_id":"S1","timestamp":"2026-03-02T""" +
                """10:00:00Z","device":"mobile","browser":"Chrome","network":"wifi"}""",
            """{"event_id":"e2","student_id":"S2","timestamp":"2026-03-02T10:00:01Z","device":"desktop","browser":"Edge","network":"5g"}""",
            """{"event_id":"e3","student_id":"S3","timestamp":"2026-03-02T10:00:02Z","device":"tablet","network":"4g"}""",
            """{"network":"wifi","timestamp":"2026-03-02T10:00:03Z","student_id":"S4","x":{"event_id":1}}""",
            """{"network":"wifi","timestamp":"2026-03-02T10:00:04Z","student_id":"S5","event_id":"e5"}""",
            """{"network" :"wifi", "timestamp":"2026-03-02T10:00:05Z","student_id":"S6"}""",
            """{"event_id":"e7","student_id":"S7","timestamp":"2026-03-02T""" +
                """10:00:06Z","device":"mobile","browser":"Chrome","network":"wifi"}""",
        ];
        var parser = new RawEventParser(Latest);
        foreach (var line in lines)
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            var scanned = new RawEvent();
            Assert.True(parser.Parse(bytes, scanned).IsAccepted, line);
            var full = new RawEvent();
            Assert.True(new RawEventParser(Latest).ParseFully(bytes, full).IsAccepted);
            Assert.Equal(Describe(full), Describe(scanned));
        }
        Assert.Equal(lines.Length, parser.ScannedLines);
    }

    [Theory]
    [InlineData("""{"student_id":"S1","timestamp":"2026-03-02T10:00:00Z",}""")]     // trailing comma
    [InlineData("""{"student_id":"S1","timestamp":"2026-03-02T10:00:00Z"} x""")]     // content after the object
    [InlineData("""{"student_id":"S1","student_id":"S2","timestamp":"2026-03-02T10:00:00Z"}""")] // a repeated field
    [InlineData("""{"stu\u0064ent_id":"S1","timestamp":"2026-03-02T10:00:00Z"}""")] // an escaped name
    [InlineData("""{"student_id":"S1","timestamp":"2026-03-02T10:00:00"}""")]        // no zone
    [InlineData("""{"student_id":"S1","timestamp":1772445600000.5}""")]              // fractional milliseconds
    [InlineData("""{"student_id":"  ","timestamp":"2026-03-02T10:00:00Z"}""")]       // blank student
    [InlineData("""{"student_id":"S1","timestamp":"2026-03-05T10:00:00Z"}""")]       // in the future
    [InlineData("""{"student_id":"S1","timestamp":"2026-03-02T10:00:00Z","x":01}""")] // a leading zero
    [InlineData("""{"student_id":"S\ud800","timestamp":"2026-03-02T10:00:00Z"}""")]  // a lone surrogate
    [InlineData("""{"student_id":"S1","timestamp":"2026-03-02T10:00:00Z","x":"a""")] // cut short
    public void Lines_that_are_not_plainly_valid_events_are_left_to_the_full_parser(string line)
    {
        var parser = new RawEventParser(Latest);
        parser.Parse(Encoding.UTF8.GetBytes(line), new RawEvent());
        Assert.Equal(0, parser.ScannedLines);
    }

    [Fact]
    public void Invalid_utf8_is_left_to_the_full_parser()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"student_id":"S1","timestamp":"2026-03-02T10:00:00Z","x":"é"}""");
        bytes[^3] = 0xC3; bytes[^2] = 0x28; // a lead byte followed by ASCII
        var parser = new RawEventParser(Latest);
        Assert.Equal(QuarantineReason.MalformedJson, parser.Parse(bytes, new RawEvent()).Reason);
        Assert.Equal(0, parser.ScannedLines);
    }

    [Fact]
    public void Whatever_the_scanner_accepts_the_full_parser_accepts_with_the_same_event()
    {
        long taken = 0, total = 0;
        Lines.Sample(line =>
        {
            Interlocked.Increment(ref total);
            if (AssertSameAsFullParser(line)) Interlocked.Increment(ref taken);
        }, iter: 20_000);
        // The comparison means something only if the scanner takes a fair share of the lines.
        Assert.True(taken >= total / 10, $"{taken} of {total}");
    }

    private static bool AssertSameAsFullParser(byte[] line)
    {
        var scanned = new RawEvent();
        var taken = new EventLineScanner(line, new LineScratch(), new ArrayBufferWriter<byte>(), Order).TryScan(scanned, Latest);
        var full = new RawEvent();
        var outcome = new RawEventParser(Latest).ParseFully(line, full);
        if (!taken) return false;
        Assert.True(outcome.IsAccepted,
            $"the scanner took a line the full parser quarantines ({outcome.Reason}: {outcome.Detail}): {Encoding.UTF8.GetString(line)}");
        Assert.Equal(Describe(full), Describe(scanned));
        return true;
    }

    private static string Describe(RawEvent e) => string.Join("|",
        Field(e.EventId), Field(e.StudentId), e.TimestampMicros, Field(e.EventType), Field(e.PageUrl), Field(e.ScreenName), Field(e.Device),
        Field(e.Browser), Field(e.Network), Field(e.CourseId), Field(e.ChapterId), e.TimeSpentSec?.ToString("R") ?? "∅", Field(e.Metadata),
        Field(e.Extra));

    private static string Field(ReadOnlyMemory<byte>? field) => field is null ? "∅" : Convert.ToHexString(field.Value.Span);

    // ---- generated lines: event-like objects with odd spacing, escapes, nesting and numbers, often damaged ----

    private static readonly string[] Names =
        ["event_id", "student_id", "timestamp", "event_type", "page_url", "screen_name", "device", "browser", "network", "course_id",
         "chapter_id", "metadata", "app_version", "x", "", "é", "time_spent_sec", "stu\\u0064ent_id"];

    private static readonly Gen<string> Space =
        Gen.OneOf(Gen.Const(""), Gen.Const(""), Gen.Const(" "), Gen.Const(" \t "), Gen.Const("\r\n"));

    private static readonly Gen<string> StringBody = Gen.Frequency(
        (8, Gen.OneOf(Gen.Const("S1"), Gen.Const(""), Gen.Const("  "), Gen.Const("Mobile "), Gen.Const("é学"), Gen.Const("\\u00e9"),
            Gen.Const("\\ud83d\\ude00"), Gen.Const("a\\\"b"), Gen.Const("\\\\"), Gen.Const("\\/\\b\\f\\n\\r\\t"), Gen.Const("\\u005A"),
            Gen.Const("2026-03-02T10:00:00Z"), Gen.Const("2026-03-02T10:00:00.1234567+05:30"), Gen.Const("2026-03-02T10:00:00\\u002B05:30"),
            Gen.Const("https://lms/course/C1/chapter/2"),
            Gen.String[0, 6].Select(s => s.Replace("\\", "").Replace("\"", "")))),
        (1, Gen.OneOf(Gen.Const("\\ud800"), Gen.Const("\\udc00x"), Gen.Const("\\x"), Gen.Const("\t"), Gen.Const("2026-03-02T10:00:00"),
            Gen.Const("2026-03-09T10:00:00Z"))));

    private static readonly Gen<string> Number = Gen.Frequency(
        (8, Gen.OneOf(Gen.Const("0"), Gen.Const("-0"), Gen.Const("17.1"), Gen.Const("-5"), Gen.Const("1e3"), Gen.Const("2.5E-2"),
            Gen.Const("1e400"), Gen.Const("1772445600000"), Gen.Const("1772445600000.0"), Gen.Const("99999999999999999999"),
            Gen.Long.Select(l => l.ToString()),
            Gen.Double.Select(d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture))
                .Where(d => !d.Contains('N') && !d.Contains('∞')))),
        (1, Gen.OneOf(Gen.Const("01"), Gen.Const("1."), Gen.Const("-"), Gen.Const("+1"))));

    private static Gen<string> Value(int depth) => depth > 2
        ? Gen.OneOf(StringBody.Select(s => $"\"{s}\""), Number, Gen.Const("true"), Gen.Const("false"), Gen.Const("null"))
        : Gen.Frequency(
            (6, StringBody.Select(s => $"\"{s}\"")), (3, Number), (1, Gen.Const("true")), (1, Gen.Const("false")), (2, Gen.Const("null")),
            (2, Gen.Select(Gen.OneOf(Gen.Const("time_spent_sec"), Gen.Const("scroll_depth"), Gen.Const("k")), Value(depth + 1), Space)
                .Array[0, 3]
                .Select(members => "{" + string.Join(",", members.Select(m => $"{m.Item3}\"{m.Item1}\"{m.Item3}:{m.Item2}")) + "}")),
            (1, Value(depth + 1).Array[0, 3].Select(items => "[" + string.Join(",", items) + "]")));

    private static readonly Gen<string> Member = Gen.Select(Gen.Int[0, Names.Length - 1], Value(0), Space, Space)
        .Select(m => $"{m.Item3}\"{Names[m.Item1]}\"{m.Item4}:{m.Item3}{m.Item2}{m.Item4}");

    private static readonly Gen<string> Likely = Gen.Select(Gen.Int[0, 3], Member.Array[0, 6], Space)
        .Select(t => t.Item3 + "{" + string.Join(",", new[]
            {
                "\"student_id\":\"S" + t.Item1 + "\"",
                t.Item1 == 3 ? "\"timestamp\":1772445600000" : "\"timestamp\":\"2026-03-02T1" + t.Item1 + ":00:00Z\"",
            }.Concat(t.Item2)) + "}" + t.Item3);

    private static readonly Gen<byte[]> Lines = Gen.Select(
            Gen.Frequency((3, Likely), (1, Member.Array[0, 8].Select(m => "{" + string.Join(",", m) + "}"))),
            Gen.Int[0, 9], Gen.Int, Gen.Byte)
        .Select(t =>
        {
            var bytes = Encoding.UTF8.GetBytes(t.Item1);
            if (bytes.Length == 0) return bytes;
            var at = (int)((uint)t.Item3 % bytes.Length);
            return t.Item2 switch
            {
                0 => bytes[..at],                                         // cut short
                1 => [.. bytes[..at], t.Item4, .. bytes[at..]],           // a byte inserted
                2 => [.. bytes[..at], .. bytes[(at + 1)..]],              // a byte removed
                3 => bytes.Select((b, i) => i == at ? t.Item4 : b).ToArray(), // a byte replaced
                _ => bytes,
            };
        });
}
