using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Orchestrated.Pipeline.Sample;

/// <summary>
/// Writes a realistic raw data set: students studying in sessions of varied length, mostly in the evening, on
/// desktop, mobile app or tablet — sometimes two at once — with sessions that cross midnight, events that arrive a
/// day late, duplicates, every timestamp spelling the contract allows, and (optionally) the hand-made edge cases of
/// <see cref="EdgeCaseEvents"/>. Deterministic for a seed. Streams to disk, so a 10-million-event benchmark set
/// costs little memory.
/// </summary>
public static class SampleDataGenerator
{
    private static readonly string[] EventTypes =
        ["page_view", "page_view", "page_view", "click", "click", "scroll", "video_play", "video_pause", "quiz_submit"];
    private static readonly string[] Browsers = ["Chrome", "Chrome", "Firefox", "Safari", "Edge"];
    private static readonly string[] Networks = ["wifi", "wifi", "4g", "5g", "ethernet"];
    private static readonly string[] DesktopSpellings = ["desktop", "desktop", "desktop", "Desktop", " DESKTOP "];
    private static readonly string[] MobileSpellings = ["mobile", "mobile", "Mobile", " mobile"];

    public static SampleSummary Write(string localRoot, SampleOptions options)
    {
        long lines, fileCount;
        Dictionary<DateOnly, long> byDate;
        using (var files = new RawFileSet(localRoot))
        {
            var end = options.ArrivalEnd;
            var random = new Random(options.Seed);
            // The story draws from a source of its own: without one, the sample is what it always was.
            var storyRandom = new Random(unchecked(options.Seed * 7919 + 1));
            for (var s = 0; s < options.Students; s++)
            {
                var student = new StudentProfile(s, random);
                var story = options.Story is null ? null : new StudentStory(options.Story, options.Days, storyRandom);
                for (var d = 0; d < options.Days; d++)
                    WriteStudentDay(files, random, student, options.Start.AddDays(d), story?.Day(d) ?? StudyDay.Usual, end, options);
            }
            if (options.EdgeCases) EdgeCaseEvents.Write(files, localRoot, options.Start, options.Days);
            // A tail day exists even when nothing arrived late: the LMS drops its (empty) export all the same.
            for (var d = options.Days; d < options.Days + options.TailDays; d++)
                files.Touch(options.Start.AddDays(d), "lms-export-late.jsonl");
            (lines, fileCount, byDate) = (files.Lines, files.Files, new Dictionary<DateOnly, long>(files.LinesByDate));
        }
        var raw = Path.Combine(localRoot, "raw", "events");
        var bytes = Directory.EnumerateFiles(raw, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        return new SampleSummary(options.Start, options.Days, lines, fileCount, bytes, byDate);
    }

    private static void WriteStudentDay(RawFileSet files, Random random, StudentProfile student, DateOnly day, StudyDay studyDay,
        DateOnly end, SampleOptions options)
    {
        var sessions = Poisson(random, options.SessionsPerStudentDay * student.Activity * studyDay.Intensity);
        var events = new List<(SampleEvent Event, DateOnly Arrival, string File)>();
        for (var k = 0; k < sessions; k++)
        {
            var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddMinutes(StartMinute(random) + studyDay.HoursLater * 60);
            var device = PickDevice(random, student);
            AddSession(events, random, student, device, start, studyDay.Length, end, options);
            if (studyDay.Scripted && k == 0) // an auto-clicker, run at night while nobody studies
                AddSession(events, random, student, Device.Desktop, day.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc), 1, end, options,
                    scripted: true);
            // Now and then the student opens a second device while the first session goes on.
            if (random.NextDouble() < 0.08)
            {
                var other = device == Device.Desktop ? Device.Mobile : Device.Desktop;
                AddSession(events, random, student, other, start.AddMinutes(random.Next(1, 15)), studyDay.Length, end, options);
            }
        }
        // An LMS appends events as they happen: each file is in time order per student.
        foreach (var (e, arrival, file) in events.OrderBy(x => x.Event.Ts))
            WriteEvent(files, random, e, arrival, file, end);
    }

    private static void AddSession(List<(SampleEvent, DateOnly, string)> events, Random random, StudentProfile student, Device device,
        DateTime start, double length, DateOnly end, SampleOptions options, bool scripted = false)
    {
        var singleEvent = random.NextDouble() < 0.07;
        var minutes = singleEvent ? 0 : Math.Min(240, Math.Exp(Math.Log(18) + 0.9 * Gaussian(random))) * length;
        if (scripted) (singleEvent, minutes) = (false, 40); // a script clicks every ten seconds for forty minutes
        var course = student.Courses[random.Next(student.Courses.Length)];
        var chapter = random.Next(1, 13);
        var page = random.Next(1, 9);
        var browser = device == Device.Mobile ? null : Browsers[student.Id % Browsers.Length];
        var network = Networks[random.Next(Networks.Length)];
        var ts = start;
        var sessionEnd = start.AddMinutes(minutes);
        do
        {
            if (random.NextDouble() < 0.25) page = Math.Min(40, page + 1);
            if (random.NextDouble() < 0.05) chapter = Math.Min(15, chapter + 1);
            var e = new SampleEvent
            {
                EventId = NewEventId(random),
                StudentId = student.RawId(random),
                Ts = ts,
                Style = PickStyle(random),
                EventType = EventTypes[random.Next(EventTypes.Length)],
                PageUrl = device == Device.Mobile ? null : WebUrl(random, course, chapter, page),
                ScreenName = device == Device.Mobile ? $"{course} · chapter {chapter} · lesson {page}" : null,
                CourseId = device == Device.Mobile ? course : null,
                ChapterId = device == Device.Mobile ? chapter.ToString(CultureInfo.InvariantCulture) : null,
                Device = device switch
                {
                    Device.Desktop => DesktopSpellings[random.Next(DesktopSpellings.Length)],
                    Device.Mobile => MobileSpellings[random.Next(MobileSpellings.Length)],
                    _ => "tablet",
                },
                OmitDevice = random.NextDouble() < 0.01,
                Browser = browser,
                Network = network,
                ScrollDepth = Math.Round(random.NextDouble(), 2),
                TimeSpent = random.NextDouble() switch
                {
                    < 0.02 => "12",
                    < 0.03 => -5,
                    < 0.10 => null,
                    _ => Math.Round(5 + random.NextDouble() * 90, 1),
                },
                AppVersion = device == Device.Mobile ? "5.2.1" : null,
            };
            var arrival = DateOnly.FromDateTime(ts);
            if (random.NextDouble() < 0.004) arrival = arrival.AddDays(1); // uploaded a day late
            if (arrival < end) events.Add((e, arrival, FileFor(device, student, options)));
            // Mostly short gaps, sometimes a pause to read or watch that stays under the 30-minute gap.
            ts = ts.AddSeconds(scripted ? 10 : random.NextDouble() < 0.05 ? 300 + random.Next(1200) : Exponential(random, 45));
        } while (ts <= sessionEnd);
    }

    internal static void WriteEvent(RawFileSet files, Random? random, SampleEvent e, DateOnly arrival, string fileName,
        DateOnly end = default)
    {
        var json = files.Begin(arrival, fileName);
        WriteJson(json, e);
        files.End(arrival, fileName);
        // At-least-once delivery upstream: a few events are sent again, in the same file or the next day's.
        if (random is not null && random.NextDouble() < 0.003)
        {
            var again = random.NextDouble() < 0.7 || arrival.AddDays(1) >= end ? arrival : arrival.AddDays(1);
            var line = Encoding.UTF8.GetBytes(JsonLine(e));
            files.WriteRaw(again, fileName, line);
        }
    }

    internal static string JsonLine(SampleEvent e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) WriteJson(json, e);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteJson(Utf8JsonWriter json, SampleEvent e)
    {
        json.WriteStartObject();
        if (e.EventId is not null) json.WriteString("event_id", e.EventId);
        switch (e.StudentId)
        {
            case string text: json.WriteString("student_id", text); break;
            case int number: json.WriteNumber("student_id", number); break;
        }
        switch (e.Style)
        {
            case TimestampStyle.Missing: break;
            case TimestampStyle.EpochMillis: json.WriteNumber("timestamp", new DateTimeOffset(e.Ts).ToUnixTimeMilliseconds()); break;
            default: json.WriteString("timestamp", FormatTimestamp(e.Ts, e.Style)); break;
        }
        json.WriteString("event_type", e.EventType);
        if (e.PageUrl is not null) json.WriteString("page_url", e.PageUrl);
        if (e.ScreenName is not null) json.WriteString("screen_name", e.ScreenName);
        if (!e.OmitDevice) json.WriteString("device", e.Device);
        if (e.Browser is not null) json.WriteString("browser", e.Browser);
        if (e.Network is not null) json.WriteString("network", e.Network);
        if (e.CourseId is not null) json.WriteString("course_id", e.CourseId);
        if (e.ChapterId is not null) json.WriteString("chapter_id", e.ChapterId);
        json.WriteStartObject("metadata");
        if (e.ScrollDepth is { } depth) json.WriteNumber("scroll_depth", depth);
        switch (e.TimeSpent)
        {
            case double seconds: json.WriteNumber("time_spent_sec", seconds); break;
            case int seconds: json.WriteNumber("time_spent_sec", seconds); break;
            case string text: json.WriteString("time_spent_sec", text); break;
        }
        json.WriteEndObject();
        if (e.AppVersion is not null) json.WriteString("app_version", e.AppVersion);
        json.WriteEndObject();
    }

    internal static string FormatTimestamp(DateTime utc, TimestampStyle style) => style switch
    {
        TimestampStyle.IsoOffset0530 => utc.AddMinutes(330).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+05:30",
        TimestampStyle.IsoNanos => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "99Z",
        TimestampStyle.IsoNoZone => utc.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        _ => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
    };

    private static string FileFor(Device device, StudentProfile student, SampleOptions options) => device switch
    {
        Device.Mobile => "mobile-app.ndjson.gz",
        _ => $"lms-web-{student.Id % Math.Max(1, options.WebFilesPerDay):00}.jsonl",
    };

    private static string WebUrl(Random random, string course, int chapter, int page) =>
        random.NextDouble() < 0.1
            ? $"https://lms.example.edu/search?q=chapter+{chapter}"
            : $"https://lms.example.edu/course/{course}/chapter/{chapter}/page/{page}";

    private static TimestampStyle PickStyle(Random random) => random.NextDouble() switch
    {
        < 0.85 => TimestampStyle.IsoMillis,
        < 0.90 => TimestampStyle.IsoOffset0530,
        < 0.95 => TimestampStyle.EpochMillis,
        _ => TimestampStyle.IsoNanos,
    };

    private static Device PickDevice(Random random, StudentProfile student) =>
        random.NextDouble() < student.MobileShare ? Device.Mobile : random.NextDouble() < 0.12 ? Device.Tablet : Device.Desktop;

    /// <summary>Minutes after midnight: mostly late afternoon and evening, some mornings, a few sessions near midnight.</summary>
    private static double StartMinute(Random random) => random.NextDouble() switch
    {
        < 0.55 => 16 * 60 + random.NextDouble() * 7 * 60,
        < 0.90 => 8 * 60 + random.NextDouble() * 8 * 60,
        _ => 23 * 60 + random.NextDouble() * 60,
    };

    private static string NewEventId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static int Poisson(Random random, double mean)
    {
        var limit = Math.Exp(-mean);
        var product = random.NextDouble();
        var count = 0;
        while (product > limit)
        {
            count++;
            product *= random.NextDouble();
        }
        return count;
    }

    private static double Exponential(Random random, double mean) => -mean * Math.Log(1 - random.NextDouble());

    internal static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private enum Device { Desktop, Mobile, Tablet }

    private sealed class StudentProfile
    {
        public StudentProfile(int id, Random random)
        {
            Id = id;
            Activity = Math.Exp(0.6 * Gaussian(random));
            MobileShare = random.NextDouble() * 0.6;
            Courses = Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"C{random.Next(100, 140)}").ToArray();
        }

        public int Id { get; }
        public double Activity { get; }
        public double MobileShare { get; }
        public string[] Courses { get; }

        /// <summary>The LMS sometimes pads ids with spaces; cleaning trims them.</summary>
        public string RawId(Random random) => random.NextDouble() < 0.01 ? $" S{Id:000000} " : $"S{Id:000000}";
    }
}
