using System.Text;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Pipeline.Tests.Support;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Testing;

namespace Orchestrated.Pipeline.Tests.Steps;

/// <summary>Whatever lands in the raw folder, the result is a clear error or quarantine rows — never a crash, never a lost line.</summary>
[Trait("Tier", "unit")]
[Trait("Probe", "hostile")]
public sealed class BadInputTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 3, 2);
    private readonly TempFolder _folder = new();
    private readonly LocalObjectStore _store;
    private readonly StepSettings _settings;

    public BadInputTests()
    {
        _store = new LocalObjectStore(_folder.Path);
        _settings = TestStores.Settings(_folder.Path);
    }

    public void Dispose() => _folder.Dispose();

    private Task<StepResult> Ingest() => Runs.StepAsync(_store, _settings, IngestDescriptor.StepName, Day);

    private static string Valid(int i) => RawFiles.Line($"e{i}", $"S{i % 3}", $"2026-03-02T10:{i % 60:00}:00Z");

    private static void AssertBalanced(StepResult result)
    {
        Assert.Equal(result.RowsRead, result.RowsWritten + result.QuarantinedTotal);
        Assert.All(result.DataQuality.Where(q => q.Hard), q => Assert.True(q.Passed, q.Detail));
    }

    [Fact]
    public async Task A_date_without_a_raw_folder_is_a_clear_missing_input_error()
    {
        var error = await Assert.ThrowsAsync<MissingInputException>(Ingest);
        Assert.Contains("2026-03-02", error.Message);
        Assert.Contains("raw/events/date=2026-03-02", error.Message);
    }

    [Fact]
    public async Task An_empty_raw_folder_is_a_clear_missing_input_error()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, "raw", "events", "date=2026-03-02"));
        await Assert.ThrowsAsync<MissingInputException>(Ingest);
    }

    [Theory]
    [InlineData("a..jsonl")]
    [InlineData("export 2026-03-02 (1).jsonl")]
    [InlineData("événements.ndjson")]
    public async Task Any_plain_file_name_is_read_as_data(string name)
    {
        await RawFiles.WriteAsync(_store, Day, name, Valid(1) + "\n" + Valid(2) + "\n");
        var result = await Ingest();
        Assert.Equal(2, result.RowsWritten);
        AssertBalanced(result);
    }

    [Fact]
    public async Task An_arrival_holding_more_event_dates_than_its_bound_quarantines_the_rest_as_over_limit()
    {
        var settings = _settings with { MaxEventDates = 3 };
        var lines = Enumerable.Range(0, 6).Select(d => RawFiles.Line($"e{d}", "S1", $"2026-02-{20 + d:00}T10:00:00Z"));
        await RawFiles.WriteAsync(_store, Day, "old.jsonl", string.Join("\n", lines) + "\n");
        var result = await Runs.StepAsync(_store, settings, IngestDescriptor.StepName, Day);
        Assert.Equal(3, result.RowsWritten);
        Assert.Equal(3, result.Quarantined["over_limit"]);
        Assert.Equal(3, result.ContentDates.Count);
        AssertBalanced(result);
    }

    [Fact]
    public async Task A_folder_with_only_other_files_names_what_it_found()
    {
        await RawFiles.WriteAsync(_store, Day, "_SUCCESS", "");
        await RawFiles.WriteAsync(_store, Day, "notes.txt", "hello");
        var error = await Assert.ThrowsAsync<MissingInputException>(Ingest);
        Assert.Contains("notes.txt", error.Message);
    }

    [Fact]
    public async Task A_zero_byte_file_gives_no_events_and_no_error()
    {
        await RawFiles.WriteAsync(_store, Day, "empty.jsonl", "");
        await RawFiles.WriteAsync(_store, Day, "events.jsonl", Valid(1));
        var result = await Ingest();
        Assert.Equal(1, result.RowsWritten);
        Assert.Equal(1, result.Anomalies["empty_files"]);
        AssertBalanced(result);
    }

    [Fact]
    public async Task Only_a_zero_byte_file_makes_an_empty_day_that_flows_through_every_step()
    {
        await RawFiles.WriteAsync(_store, Day, "empty.jsonl", "");
        var results = await Runs.AllAsync(_store, _settings, Day, Day);
        Assert.All(results, r => Assert.Equal(0, r.RowsWritten));
        Assert.Empty(await Outputs.DailyStatsAsync(_store, Day));
    }

    [Fact]
    public async Task A_binary_file_is_quarantined_line_by_line()
    {
        var garbage = new byte[200_000];
        new Random(3).NextBytes(garbage);
        await RawFiles.WriteAsync(_store, Day, "blob.json", garbage);
        await RawFiles.WriteAsync(_store, Day, "events.jsonl", Valid(1));
        var result = await Ingest();
        AssertBalanced(result);
        Assert.Equal(1, result.RowsWritten);
        Assert.True(result.Quarantined["malformed_json"] > 100);
        var rows = await Outputs.QuarantineAsync(_store, Day);
        Assert.All(rows, r => Assert.Equal("blob.json", r.SourceFile));
        Assert.All(rows, r => Assert.True((r.Raw?.Length ?? 0) <= 1024));
    }

    [Fact]
    public async Task Tens_of_thousands_of_bad_lines_are_each_quarantined_with_their_line()
    {
        var lines = Enumerable.Range(1, 40_000)
            .Select(i => i % 2 == 0 ? $"not json {i}" : $$"""{"student_id":"S{{i}}","timestamp":"2026-03-02T10:00:00"}""");
        await RawFiles.WriteAsync(_store, Day, "bad.jsonl", string.Join("\n", lines));
        var result = await Ingest();
        Assert.Equal(0, result.RowsWritten);
        Assert.Equal(20_000, result.Quarantined["malformed_json"]);
        Assert.Equal(20_000, result.Quarantined["invalid_timestamp"]);
        var rows = await Outputs.QuarantineAsync(_store, Day);
        Assert.Equal(Enumerable.Range(1, 40_000).Select(i => (long)i), rows.Select(r => r.SourceLine));
    }

    [Fact]
    public async Task A_10_MB_line_that_is_a_valid_event_is_kept()
    {
        var big = """{"event_id":"big","student_id":"S1","timestamp":"2026-03-02T10:00:00Z","metadata":""" +
            $$$"""{"note":"{{{new string('x', 10_000_000)}}}","time_spent_sec":5}}""";
        await RawFiles.WriteAsync(_store, Day, "big.jsonl", big + "\n" + Valid(2));
        var result = await Ingest();
        Assert.Equal(2, result.RowsWritten);
        AssertBalanced(result);
    }

    [Fact]
    public async Task A_10_MB_line_of_garbage_is_one_quarantine_row()
    {
        await RawFiles.WriteAsync(_store, Day, "big.jsonl", "{" + new string('x', 10_000_000) + "\n" + Valid(2));
        var result = await Ingest();
        Assert.Equal(1, result.RowsWritten);
        Assert.Equal(1, result.Quarantined["malformed_json"]);
        var row = Assert.Single(await Outputs.QuarantineAsync(_store, Day));
        Assert.Equal(1, row.SourceLine);
        Assert.Equal(1024, row.Raw!.Length);
    }

    [Fact]
    public async Task A_line_over_the_size_limit_is_quarantined_unread_and_the_next_lines_still_count()
    {
        var settings = TestStores.Settings(_folder.Path) with { MaxRecordBytes = 1_000_000 };
        await RawFiles.WriteAsync(_store, Day, "big.jsonl", Valid(1) + "\n" + new string(' ', 3_000_000) + "\n" + Valid(2));
        var result = await Runs.StepAsync(_store, settings, IngestDescriptor.StepName, Day);
        Assert.Equal(2, result.RowsWritten);
        var row = Assert.Single(await Outputs.QuarantineAsync(_store, Day));
        Assert.Equal(2, row.SourceLine);
        Assert.Contains("longer than", row.Detail);
    }

    [Fact]
    public async Task A_json_array_file_is_read_element_by_element_with_line_numbers()
    {
        await RawFiles.WriteAsync(_store, Day, "export.json", $"[\n  {Valid(1)},\n  {Valid(2)},\n  42,\n  {Valid(3)}\n]\n");
        var result = await Ingest();
        Assert.Equal(3, result.RowsWritten);
        var row = Assert.Single(await Outputs.QuarantineAsync(_store, Day));
        Assert.Equal(("malformed_json", 4L), (row.Reason, row.SourceLine));
        AssertBalanced(result);
    }

    [Fact]
    public async Task A_broken_json_array_keeps_the_elements_before_the_break()
    {
        await RawFiles.WriteAsync(_store, Day, "export.json", $"[{Valid(1)},{Valid(2)} oops {Valid(3)}]");
        var result = await Ingest();
        Assert.Equal(2, result.RowsWritten);
        Assert.Equal(1, result.Quarantined["malformed_json"]);
        AssertBalanced(result);
    }

    [Fact]
    public async Task Gzipped_files_are_read()
    {
        await RawFiles.WriteAsync(_store, Day, "events.jsonl.gz", RawFiles.Gzip(string.Join("\n", Enumerable.Range(0, 500).Select(Valid))));
        Assert.Equal(500, (await Ingest()).RowsWritten);
    }

    [Fact]
    public async Task A_truncated_gzip_keeps_what_was_readable_and_quarantines_the_rest()
    {
        var whole = RawFiles.Gzip(string.Join("\n", Enumerable.Range(0, 5000).Select(Valid)));
        await RawFiles.WriteAsync(_store, Day, "events.jsonl.gz", whole[..(whole.Length / 2)]);
        var result = await Ingest();
        AssertBalanced(result);
        Assert.InRange(result.RowsWritten, 1, 4999);
        Assert.True(result.QuarantinedTotal >= 1);
        Assert.Equal(1, result.Anomalies["unreadable_file_tails"]);
        Assert.Contains(await Outputs.QuarantineAsync(_store, Day), r => r.Detail!.Contains("gzip stream ends early"));
    }

    [Fact]
    public async Task A_file_that_is_not_gzip_despite_its_name_is_quarantined()
    {
        await RawFiles.WriteAsync(_store, Day, "events.jsonl.gz", Valid(1));
        await RawFiles.WriteAsync(_store, Day, "ok.jsonl", Valid(2));
        var result = await Ingest();
        Assert.Equal(1, result.RowsWritten);
        Assert.Equal(1, result.Anomalies["unreadable_file_tails"]);
        AssertBalanced(result);
    }

    [Fact]
    public async Task Blank_lines_bom_and_crlf_are_tolerated()
    {
        var bom = Encoding.UTF8.GetPreamble();
        var text = Encoding.UTF8.GetBytes($"\r\n{Valid(1)}\r\n\r\n   \r\n{Valid(2)}\r\n");
        await RawFiles.WriteAsync(_store, Day, "crlf.jsonl", [.. bom, .. text]);
        var result = await Ingest();
        Assert.Equal(2, result.RowsWritten);
        Assert.Equal(0, result.QuarantinedTotal);
        Assert.Equal(3, result.Anomalies["blank_lines"]);
    }

    [Fact]
    public async Task Later_steps_name_the_missing_upstream_partition()
    {
        var error = await Assert.ThrowsAsync<MissingInputException>(() => Runs.StepAsync(_store, _settings, CleanDescriptor.StepName, Day));
        Assert.Contains("run ingest", error.Message);
        error = await Assert.ThrowsAsync<MissingInputException>(() =>
            Runs.StepAsync(_store, _settings, SessionizeDescriptor.StepName, Day));
        Assert.Contains("run clean", error.Message);
        error = await Assert.ThrowsAsync<MissingInputException>(() => Runs.StepAsync(_store, _settings, AggregateDescriptor.StepName, Day));
        Assert.Contains("run sessionize", error.Message);
    }

    [Fact]
    public async Task A_silver_file_written_by_something_else_fails_with_the_column_at_fault()
    {
        await RawFiles.WriteAsync(_store, Day, "events.jsonl", Valid(1));
        await Runs.AllAsync(_store, _settings, Day, Day);
        // Replace silver with a bronze file: a different table.
        var bronze = await StoredBytes.ReadAsync(_store, Dataset.Bronze.PartKey(Day));
        await _store.WriteAsync(Dataset.SilverEvents.PartKey(Day), async (s, ct) => await s.WriteAsync(bronze, ct));
        var error =
            await Assert.ThrowsAsync<InvalidDataException>(() => Runs.StepAsync(_store, _settings, SessionizeDescriptor.StepName, Day));
        Assert.Contains("student_hash", error.Message);
    }
}
