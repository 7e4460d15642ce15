using Orchestrated.Domain.Cleaning;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Text;
using Orchestrated.Domain.Time;
using Orchestrated.Pipeline.Sample;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Pipeline.Tests.Support;
using static Orchestrated.Pipeline.Sample.EdgeCaseEvents;
using Orchestrated.Testing;

namespace Orchestrated.Pipeline.Tests.Steps;

/// <summary>The contract's rules, each seen in a real run of the sample through all four steps.</summary>
[Trait("Tier", "unit")]
public class SampleRunTests(SampleRunFixture run) : IClassFixture<SampleRunFixture>
{
    private static readonly DateOnly D0 = SampleRunFixture.D0;
    private static readonly DateOnly D1 = D0.AddDays(1);
    private readonly StudentHasher _hasher = new(System.Text.Encoding.UTF8.GetBytes(TestStores.HashKey));

    private static long At(DateOnly day, int h, int m, int s = 0, int micros = 0) =>
        UtcMicros.StartOf(day) + ((h * 60L + m) * 60 + s) * UtcMicros.PerSecond + micros;

    private async Task<List<SessionRow>> SessionsOf(string student)
    {
        var hash = _hasher.Hash(student);
        var all = new List<SessionRow>();
        for (var d = D0; d <= run.LastDay; d = d.AddDays(1)) all.AddRange(await Outputs.SessionsAsync(run.Store, d));
        return all.Where(s => s.StudentHash == hash).OrderBy(s => s.SessionStart).ToList();
    }

    [Fact]
    public void Every_step_of_every_date_passes_its_data_quality_checks()
    {
        Assert.Equal(SampleRunFixture.Days * 4, run.Results.Count);
        Assert.All(run.Results.SelectMany(r => r.DataQuality).Where(q => q.Hard), q => Assert.True(q.Passed, $"{q.Check}: {q.Detail}"));
    }

    [Fact]
    public void Every_raw_line_is_an_event_quarantined_or_a_duplicate_exactly_once()
    {
        var ingest = run.Results.Where(r => r.Step == IngestDescriptor.StepName).ToList();
        var clean = run.Results.Where(r => r.Step == CleanDescriptor.StepName).ToList();
        Assert.Equal(run.Sample.Lines, ingest.Sum(r => r.RowsRead));
        Assert.Equal(ingest.Sum(r => r.RowsRead), ingest.Sum(r => r.RowsWritten) + ingest.Sum(r => r.QuarantinedTotal));
        Assert.Equal(ingest.Sum(r => r.RowsWritten), clean.Sum(r => r.RowsRead));
        Assert.Equal(clean.Sum(r => r.RowsRead), clean.Sum(r => r.RowsWritten) + clean.Sum(r => r.Duplicates));
    }

    [Fact]
    public void Each_quarantine_reason_is_counted_on_the_first_day()
    {
        var first = run.Results.Single(r => r.Step == IngestDescriptor.StepName && r.Date == D0);
        foreach (var (reason, count) in QuarantinedOnFirstDay) Assert.Equal(count, first.Quarantined[reason]);
    }

    [Fact]
    public async Task Quarantine_rows_name_their_reason_file_and_line()
    {
        var rows = await Outputs.QuarantineAsync(run.Store, D0);
        var noZone = Assert.Single(rows, r => r.Raw!.Contains("q-no-zone"));
        Assert.Equal("invalid_timestamp", noZone.Reason);
        Assert.Equal(FileName, noZone.SourceFile);
        var lines = (await StoredBytes.ReadAsync(run.Store, $"raw/events/date={D0:yyyy-MM-dd}/{FileName}")).AsSpan();
        var lineText = System.Text.Encoding.UTF8.GetString(lines).Split('\n')[noZone.SourceLine - 1];
        Assert.Contains("q-no-zone", lineText);
        Assert.Contains("Z or an offset", noZone.Detail ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_gap_of_exactly_30_minutes_continues_and_30_00_000001_splits()
    {
        Assert.Equal(2, Assert.Single(await SessionsOf(GapExact)).EventCount);
        var split = await SessionsOf(GapSplit);
        Assert.Equal(2, split.Count);
        Assert.Equal(At(D0, 10, 30, 0, 1), split[1].SessionStart);
    }

    [Fact]
    public async Task A_session_across_midnight_is_whole_owned_by_its_start_date_and_written_once()
    {
        var session = Assert.Single(await SessionsOf(Midnight));
        Assert.Equal(4, session.EventCount);
        Assert.Equal(At(D1, 0, 20), session.SessionEnd);
        Assert.Contains(session, await Outputs.SessionsAsync(run.Store, D0));
        Assert.DoesNotContain(await Outputs.SessionsAsync(run.Store, D1), s => s.StudentHash == session.StudentHash);
    }

    [Fact]
    public async Task Ties_are_ordered_by_event_id_in_silver()
    {
        var events = await Outputs.SilverEventsAsync(run.Store, D0);
        var tied = events.Where(e => e.EventId is "e-tie-a" or "e-tie-b" or "e-tie-c").Select(e => e.EventId).ToList();
        Assert.Equal(["e-tie-a", "e-tie-b", "e-tie-c"], tied);
        Assert.Equal(events.OrderBy(e => e.Ts).Select(e => e.Ts), events.Select(e => e.Ts));
    }

    [Fact]
    public async Task Offsets_fractions_and_epoch_milliseconds_become_utc_microseconds()
    {
        var events =
            (await Outputs.SilverEventsAsync(run.Store, D0)).Where(e => e.EventId!.StartsWith("e-format-")).ToDictionary(e => e.EventId!);
        Assert.Equal(At(D0, 10, 0), events["e-format-offset"].Ts);
        Assert.Equal(At(D0, 10, 10, 0, 123_456), events["e-format-fraction"].Ts);
        Assert.Equal(At(D0, 10, 20), events["e-format-epoch"].Ts);
        Assert.Equal(3, Assert.Single(await SessionsOf(Formats)).EventCount);
    }

    [Fact]
    public async Task Duplicates_within_a_file_across_files_and_across_days_count_once()
    {
        var events = await Outputs.SilverEventsAsync(run.Store, D0);
        foreach (var id in new[] { "e-dup-1", "e-dup-2", "e-dup-3" }) Assert.Single(events, e => e.EventId == id);
        Assert.Equal(D0, events.Single(e => e.EventId == "e-dup-3").ArrivalDate); // the first seen wins
        Assert.Equal(3, Assert.Single(await SessionsOf(Duplicates)).EventCount);
        Assert.True(run.Results.Single(r => r.Step == CleanDescriptor.StepName && r.Date == D0).Duplicates >= 3);
    }

    [Fact]
    public async Task Devices_are_trimmed_lowercased_and_missing_ones_are_unknown()
    {
        var sessions = await SessionsOf(Devices);
        Assert.Equal(["mobile", "unknown"], sessions.Select(s => s.Device).Order());
        Assert.All(sessions, s => Assert.Equal(2, s.EventCount));
    }

    [Fact]
    public async Task Two_interleaved_devices_are_two_overlapping_sessions()
    {
        var sessions = await SessionsOf(TwoDevices);
        Assert.Equal(2, sessions.Count);
        Assert.Equal(4, sessions.Single(s => s.Device == "desktop").EventCount);
        Assert.Equal(3, sessions.Single(s => s.Device == "mobile").EventCount);
    }

    [Fact]
    public async Task A_one_event_session_lasts_zero_and_has_no_average_gap()
    {
        var single = (await SessionsOf(SingleEvent)).First(s => s.EventCount == 1);
        Assert.Equal(0, single.SessionDurationSec);
        Assert.Null(single.AvgEventGapSec);
    }

    [Fact]
    public async Task The_24h_cap_splits_the_kiosk_and_flags_both_sessions()
    {
        var sessions = await SessionsOf(Kiosk);
        Assert.Equal(2, sessions.Count);
        Assert.Equal((At(D0, 6, 0), At(D1, 6, 0)), (sessions[0].SessionStart, sessions[0].SessionEnd));
        Assert.Equal((At(D1, 6, 10), At(D1, 12, 0)), (sessions[1].SessionStart, sessions[1].SessionEnd));
        Assert.All(sessions, s => Assert.True(s.Capped));
        Assert.Contains(sessions[1], await Outputs.SessionsAsync(run.Store, D1));
    }

    [Fact]
    public async Task Active_time_ignores_strings_and_negatives() =>
        Assert.Equal(40.5, Assert.Single(await SessionsOf(ActiveTime)).ActiveTimeSec);

    [Fact]
    public async Task A_late_event_joins_the_events_and_sessions_of_its_own_date()
    {
        var late = Assert.Single(await Outputs.SilverEventsAsync(run.Store, D0), e => e.EventId == "e-late-1");
        Assert.Equal(D0.AddDays(2), late.ArrivalDate);
        Assert.Equal(At(D0, 8, 0), Assert.Single(await SessionsOf(Late)).SessionStart);
    }

    [Fact]
    public async Task Json_array_files_and_crlf_files_are_read()
    {
        var sessions = await SessionsOf(ArrayFile);
        Assert.Equal(3, Assert.Single(sessions).EventCount); // two array elements and the CRLF line
    }

    [Fact]
    public async Task Page_course_and_chapter_follow_the_url_screen_name_and_explicit_fields()
    {
        var events =
            (await Outputs.SilverEventsAsync(run.Store, D0)).Where(e => e.EventId!.StartsWith("e-page-")).ToDictionary(e => e.EventId!);
        Assert.Equal(("C7", "3"), (events["e-page-url"].CourseId, events["e-page-url"].ChapterId));
        Assert.Equal("Quiz · chapter 3", events["e-page-screen"].Page);
        Assert.Equal(("C8", "4"), (events["e-page-explicit"].CourseId, events["e-page-explicit"].ChapterId));
        Assert.Equal(3, Assert.Single(await SessionsOf(Pages)).PagesVisited);
    }

    [Fact]
    public async Task Padded_student_ids_are_the_same_student_after_trimming() =>
        Assert.Equal(2, Assert.Single(await SessionsOf(Padded)).EventCount);

    [Fact]
    public async Task Raw_student_ids_never_reach_silver_or_gold()
    {
        var texts = new List<string>();
        for (var d = D0; d <= run.LastDay; d = d.AddDays(1))
        {
            foreach (var e in await Outputs.SilverEventsAsync(run.Store, d))
                texts.AddRange(
                    new[] { e.EventId, e.StudentHash, e.Device, e.Page, e.CourseId, e.ChapterId, e.SourceFile }.OfType<string>());
            texts.AddRange((await Outputs.SessionsAsync(run.Store, d)).SelectMany(s => new[] { s.SessionId, s.StudentHash, s.Device }));
            texts.AddRange((await Outputs.DailyStatsAsync(run.Store, d)).Select(s => s.StudentHash));
        }
        string[] edgeStudents = [GapExact, GapSplit, Midnight, Ties, Formats, Duplicates, Devices, TwoDevices, SingleEvent, Kiosk,
            ActiveTime, Late, ArrayFile, Pages, Padded, ExtraFields];
        var leaked = texts.Where(t => t.Contains("S0000", StringComparison.Ordinal)
            || edgeStudents.Any(id => t.Contains(id, StringComparison.Ordinal)))
            .Distinct().Take(5).ToList();
        Assert.True(leaked.Count == 0, "raw ids in outputs: " + string.Join(" | ", leaked));
        Assert.All((await Outputs.SessionsAsync(run.Store, D0)).Select(s => s.StudentHash),
            h => Assert.Matches("^[0-9a-f]{64}$", h));
    }

    [Fact]
    public async Task The_written_sessions_equal_sessionizing_the_whole_clean_history_at_once()
    {
        var rules = run.Settings.Rules();
        var symbols = new SymbolTable();
        var closed = new List<ClosedSession>();
        var sessionizer = new Sessionizer(rules, closed.Add);
        var written = new List<SessionRow>();
        for (var d = D0; d <= run.LastDay; d = d.AddDays(1))
        {
            foreach (var e in await Outputs.SilverEventsAsync(run.Store, d))
                sessionizer.Add(new SessionEvent(symbols.Intern(e.StudentHash), symbols.Intern(e.Device), SymbolTable.None,
                    SymbolTable.None, e.Ts, symbols.Intern(e.Page), e.TimeSpentSec));
            written.AddRange(await Outputs.SessionsAsync(run.Store, d));
        }
        sessionizer.CloseAll();
        var expected = closed.Select(s => SessionRow.From(s, symbols)).ToList();
        expected.Sort(SessionRow.OutputOrder);
        written.Sort(SessionRow.OutputOrder);
        Assert.True(expected.Count > 200, "the sample should have hundreds of sessions");
        Assert.Equal(expected, written);
    }

    [Fact]
    public async Task Daily_stats_aggregate_each_dates_sessions()
    {
        for (var d = D0; d <= run.LastDay; d = d.AddDays(1))
        {
            var sessions = await Outputs.SessionsAsync(run.Store, d);
            var stats = await Outputs.DailyStatsAsync(run.Store, d);
            Assert.Equal(sessions.Select(s => s.StudentHash).Distinct().Count(), stats.Count);
            foreach (var row in stats)
            {
                var mine = sessions.Where(s => s.StudentHash == row.StudentHash).ToList();
                Assert.Equal(mine.Count, row.TotalSessions);
                Assert.Equal(mine.Sum(s => s.SessionDurationSec), row.TotalTimeSpentSec);
                Assert.Equal(mine.Max(s => s.SessionDurationSec), row.LongestSessionSec);
                Assert.Equal(mine.Min(s => s.SessionDurationSec), row.ShortestSessionSec);
                Assert.Equal(mine.Average(s => (double)s.SessionDurationSec), row.AvgSessionDuration, 9);
            }
        }
    }

    [Fact]
    public async Task Unknown_fields_are_kept_in_bronze()
    {
        var bronze = await StoredBytes.ReadAsync(run.Store, $"bronze/events/date={D0:yyyy-MM-dd}/part-00000.parquet");
        await using var duck = new DuckDb();
        var path = Path.Combine(Path.GetTempPath(), $"bronze-{Guid.NewGuid():N}.parquet");
        await System.IO.File.WriteAllBytesAsync(path, bronze);
        try
        {
            var extra =
                await duck.ScalarAsync($"SELECT extra FROM read_parquet('{path}', hive_partitioning = false) WHERE event_id = 'e-extra-1'");
            Assert.Equal("""{"experiment":{"group":"B"},"app_version":"5.2.1"}""", extra);
        }
        finally { System.IO.File.Delete(path); }
    }
}
