using System.Text;

namespace Orchestrated.Pipeline.Sample;

/// <summary>
/// Hand-made events, one small story per rule of the contract, written into the sample so that every rule shows
/// up in a real run. Each student id names its story; the expected outcome is in the comment beside it.
/// Dates are relative to the sample's first day (D0).
/// </summary>
public static class EdgeCaseEvents
{
    public const string FileName = "edge-cases.jsonl";

    /// <summary>10:00 and 10:30:00 exactly: a gap of exactly 30:00 continues — one session of two events.</summary>
    public const string GapExact = "edge-gap-exact";
    /// <summary>10:00 and 10:30:00.000001: one microsecond over the gap splits — two sessions.</summary>
    public const string GapSplit = "edge-gap-split";
    /// <summary>D0 23:50, 23:58, D1 00:05, 00:20: one session owned by D0 with four events; nothing on D1.</summary>
    public const string Midnight = "edge-midnight";
    /// <summary>Three events at the same instant (ids c, a, b) and one 5 minutes later: ordered a, b, c; one session.</summary>
    public const string Ties = "edge-ties";
    /// <summary>15:30+05:30 (=10:00Z), 10:10:00.1234567Z (truncated to µs), 10:20Z as epoch milliseconds: one session.</summary>
    public const string Formats = "edge-formats";
    /// <summary>"e-dup-1" twice in one file, "e-dup-2" in two files, "e-dup-3" on D0 and D1: three events, three duplicates.</summary>
    public const string Duplicates = "edge-duplicates";
    /// <summary>" Mobile ", "MOBILE", no device, "": two streams, "mobile" and "unknown".</summary>
    public const string Devices = "edge-devices";
    /// <summary>Desktop 14:00–14:30 and mobile 14:05–14:25 interleaved: two overlapping sessions.</summary>
    public const string TwoDevices = "edge-two-devices";
    /// <summary>One event: a session of duration 0 and no average gap.</summary>
    public const string SingleEvent = "edge-single";
    /// <summary>Every 10 minutes from D0 06:00 to D1 12:00: capped at 24 h — D0 06:00–D1 06:00 and D1 06:10–12:00, both capped.</summary>
    public const string Kiosk = "edge-kiosk";
    /// <summary>time_spent_sec 10, "20", -5, 30.5 and none: active time 40.5.</summary>
    public const string ActiveTime = "edge-active-time";
    /// <summary>An event of D0 08:00 that arrives in D2's folder: it belongs to D0's events and sessions.</summary>
    public const string Late = "edge-late";
    /// <summary>Two events in a JSON-array file on D1, 09:00 and 09:05: one session.</summary>
    public const string ArrayFile = "edge-array-file";
    /// <summary>Page and course rules: URL segments, screen_name fallback, an explicit course_id that wins.</summary>
    public const string Pages = "edge-pages";
    /// <summary>An event with fields the contract does not name: kept in bronze's <c>extra</c>.</summary>
    public const string ExtraFields = "edge-extra-fields";
    /// <summary>"  edge-padded  " and "edge-padded" are the same student after trimming: one session.</summary>
    public const string Padded = "edge-padded";

    /// <summary>Lines that must be quarantined, by reason, on D0.</summary>
    public static readonly IReadOnlyDictionary<string, int> QuarantinedOnFirstDay = new Dictionary<string, int>
    {
        ["malformed_json"] = 2,
        ["missing_student_id"] = 3,
        ["missing_timestamp"] = 2,
        ["invalid_timestamp"] = 2,
        ["future_timestamp"] = 1,
    };

    internal static void Write(RawFileSet files, string localRoot, DateOnly d0, int days)
    {
        if (days < 3) throw new ArgumentException("The edge cases need at least three days.");
        var d1 = d0.AddDays(1);
        var d2 = d0.AddDays(2);
        DateTime At(DateOnly day, int h, int m, int s = 0, int micro = 0) =>
            day.ToDateTime(new TimeOnly(h, m, s), DateTimeKind.Utc).AddTicks(micro * 10L);
        void Event(DateOnly arrival, string student, string id, DateTime ts, string? file = null,
            TimestampStyle style = TimestampStyle.IsoMillis, string? device = "desktop", object? timeSpent = null,
            string? pageUrl = null, string? screen = null, string? course = null, bool omitDevice = false) =>
            SampleDataGenerator.WriteEvent(files, null, new SampleEvent
            {
                EventId = id, StudentId = student, Ts = ts, Style = style, Device = device, OmitDevice = omitDevice, TimeSpent = timeSpent,
                PageUrl = pageUrl ?? (screen is null ? "https://lms.example.edu/course/C100/chapter/1/page/1" : null),
                ScreenName = screen, CourseId = course, Network = "wifi",
            }, arrival, file ?? FileName);
        void Raw(DateOnly arrival, string line, string? file = null) =>
            files.WriteRaw(arrival, file ?? FileName, Encoding.UTF8.GetBytes(line));
        string Iso(DateTime ts, string fraction) => ts.ToString("yyyy-MM-dd'T'HH:mm:ss") + fraction + "Z";
        SampleEvent Tablet(string id, DateTime ts) => new() { EventId = id, StudentId = ArrayFile, Ts = ts, Device = "tablet" };

        Event(d0, GapExact, "e-gap-exact-1", At(d0, 10, 0));
        Event(d0, GapExact, "e-gap-exact-2", At(d0, 10, 30));

        var split1 = Iso(At(d0, 10, 0), ".000000");
        var split2 = Iso(At(d0, 10, 30), ".000001");
        Raw(d0, $$"""{"event_id":"e-gap-split-1","student_id":"{{GapSplit}}","timestamp":"{{split1}}","device":"desktop"}""");
        Raw(d0, $$"""{"event_id":"e-gap-split-2","student_id":"{{GapSplit}}","timestamp":"{{split2}}","device":"desktop"}""");

        Event(d0, Midnight, "e-midnight-1", At(d0, 23, 50));
        Event(d0, Midnight, "e-midnight-2", At(d0, 23, 58));
        Event(d1, Midnight, "e-midnight-3", At(d1, 0, 5));
        Event(d1, Midnight, "e-midnight-4", At(d1, 0, 20));

        Event(d0, Ties, "e-tie-c", At(d0, 12, 0));
        Event(d0, Ties, "e-tie-a", At(d0, 12, 0));
        Event(d0, Ties, "e-tie-b", At(d0, 12, 0));
        Event(d0, Ties, "e-tie-d", At(d0, 12, 5));

        Event(d0, Formats, "e-format-offset", At(d0, 10, 0), style: TimestampStyle.IsoOffset0530);
        var sevenDigits = Iso(At(d0, 10, 10), ".1234567");
        Raw(d0, $$"""{"event_id":"e-format-fraction","student_id":"{{Formats}}","timestamp":"{{sevenDigits}}","device":"desktop"}""");
        Event(d0, Formats, "e-format-epoch", At(d0, 10, 20), style: TimestampStyle.EpochMillis);

        Event(d0, Duplicates, "e-dup-1", At(d0, 15, 0));
        Event(d0, Duplicates, "e-dup-1", At(d0, 15, 0));
        Event(d0, Duplicates, "e-dup-2", At(d0, 15, 1));
        Event(d0, Duplicates, "e-dup-2", At(d0, 15, 1), file: "edge-cases-resent.jsonl");
        Event(d0, Duplicates, "e-dup-3", At(d0, 15, 2));
        Event(d1, Duplicates, "e-dup-3", At(d0, 15, 2));

        Event(d0, Devices, "e-device-1", At(d0, 16, 0), device: " Mobile ");
        Event(d0, Devices, "e-device-2", At(d0, 16, 1), device: "MOBILE");
        Event(d0, Devices, "e-device-3", At(d0, 16, 2), omitDevice: true);
        Event(d0, Devices, "e-device-4", At(d0, 16, 3), device: "");

        for (var m = 0; m <= 30; m += 10) Event(d0, TwoDevices, $"e-two-desktop-{m}", At(d0, 14, m), device: "desktop");
        for (var m = 5; m <= 25; m += 10) Event(d0, TwoDevices, $"e-two-mobile-{m}", At(d0, 14, m), device: "mobile");

        Event(d0, SingleEvent, "e-single-1", At(d0, 9, 0));

        for (var t = At(d0, 6, 0); t <= At(d1, 12, 0); t = t.AddMinutes(10))
            Event(DateOnly.FromDateTime(t), Kiosk, $"e-kiosk-{t:yyyyMMddHHmm}", t, device: "kiosk");

        Event(d0, ActiveTime, "e-active-1", At(d0, 18, 0), timeSpent: 10);
        Event(d0, ActiveTime, "e-active-2", At(d0, 18, 1), timeSpent: "20");
        Event(d0, ActiveTime, "e-active-3", At(d0, 18, 2), timeSpent: -5);
        Event(d0, ActiveTime, "e-active-4", At(d0, 18, 3), timeSpent: 30.5);
        Event(d0, ActiveTime, "e-active-5", At(d0, 18, 4));

        Event(d2, Late, "e-late-1", At(d0, 8, 0));

        Event(d0, Pages, "e-page-url", At(d0, 20, 0), pageUrl: "https://lms.example.edu/course/C7/chapter/3/page/1?from=home#top");
        Event(d0, Pages, "e-page-screen", At(d0, 20, 1), screen: "Quiz · chapter 3");
        Event(d0, Pages, "e-page-explicit", At(d0, 20, 2), pageUrl: "https://lms.example.edu/course/C7/chapter/4", course: "C8");

        Event(d0, "  " + Padded + "  ", "e-padded-1", At(d0, 21, 0));
        Event(d0, Padded, "e-padded-2", At(d0, 21, 5));

        // Quarantine: one story per reason.
        Raw(d0, """{"event_id":"q-malformed-1","student_id":"S1","timestamp":""");
        Raw(d0, """not json at all""");
        Raw(d0, """{"event_id":"q-no-student","timestamp":"2026-03-02T10:00:00Z"}""".Replace("2026-03-02", d0.ToString("yyyy-MM-dd")));
        Raw(d0, $$"""{"event_id":"q-numeric-student","student_id":12345,"timestamp":"{{Iso(At(d0, 10, 0), "")}}"}""");
        Raw(d0, $$"""{"event_id":"q-blank-student","student_id":"   ","timestamp":"{{Iso(At(d0, 10, 0), "")}}"}""");
        Raw(d0, """{"event_id":"q-no-timestamp","student_id":"S1"}""");
        Raw(d0, """{"event_id":"q-null-timestamp","student_id":"S1","timestamp":null}""");
        Raw(d0, $$"""{"event_id":"q-no-zone","student_id":"S1","timestamp":"{{At(d0, 10, 0):yyyy-MM-dd'T'HH:mm:ss}}"}""");
        Raw(d0, """{"event_id":"q-garbage-time","student_id":"S1","timestamp":"yesterday"}""");
        Raw(d0, $$"""{"event_id":"q-future","student_id":"S1","timestamp":"{{Iso(At(d0.AddDays(3), 0, 0, 1), "")}}"}""");

        // Unknown fields are kept in bronze's "extra".
        var extraAt = Iso(At(d0, 13, 0), "");
        Raw(d0, $"{{\"event_id\":\"e-extra-1\",\"student_id\":\"{ExtraFields}\",\"timestamp\":\"{extraAt}\",\"device\":\"desktop\","
            + "\"experiment\":{\"group\":\"B\"},\"app_version\":\"5.2.1\"}");

        // A JSON-array file, and a file with a byte-order mark, CRLF line ends and blank lines.
        var folder = Path.Combine(localRoot, "raw", "events", $"date={d1:yyyy-MM-dd}");
        Directory.CreateDirectory(folder);
        System.IO.File.WriteAllText(Path.Combine(folder, "export.json"),
            "[\n  " + SampleDataGenerator.JsonLine(Tablet("e-array-1", At(d1, 9, 0)))
            + ",\n  " + SampleDataGenerator.JsonLine(Tablet("e-array-2", At(d1, 9, 5)))
            + "\n]\n");
        files.CountWrittenElsewhere(d1, 3);
        System.IO.File.WriteAllText(Path.Combine(folder, "crlf.jsonl"),
            "\r\n" + SampleDataGenerator.JsonLine(Tablet("e-crlf-1", At(d1, 9, 10)))
            + "\r\n\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
    }
}
