using Orchestrated.Cli.Tests.Support;

namespace Orchestrated.Cli.Tests;

/// <summary>The tool refuses what it does not understand, says what it would have understood, and exits 64.</summary>
public sealed class ArgumentsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("orchestrated-cli-").FullName;

    [Theory]
    [InlineData("--bogus-flag", "3")]
    [InlineData("--hash-key", "K")]
    public async Task An_unknown_flag_is_refused_with_exit_64_before_anything_runs(string flag, string value)
    {
        var result = await Tool.RunAsync(_folder, "run", "--date", "2026-03-02", "--storage", _folder, flag, value);
        Assert.Equal(64, result.ExitCode);
        Assert.Contains($"Unknown option '{flag[2..]}'", result.Output);
        Assert.Contains("run takes --date, --to", result.Output); // nothing close: the options it does take
        Assert.False(Directory.Exists(Path.Combine(_folder, "bronze")));
    }

    [Fact]
    public async Task A_misspelt_flag_gets_a_did_you_mean()
    {
        var result = await Tool.RunAsync(_folder, "run", "--date", "2026-03-02", "--split-on-devcie", "false");
        Assert.Equal(64, result.ExitCode);
        Assert.Contains("did you mean --split-on-device?", result.Output);
    }

    [Fact]
    public async Task A_stray_argument_is_refused()
    {
        var result = await Tool.RunAsync(_folder, "run", "--date", "2026-03-02", "2026-03-03");
        Assert.Equal(64, result.ExitCode);
        Assert.Contains("'2026-03-03' is not an argument of run", result.Output);
    }

    [Fact]
    public async Task An_unknown_output_format_is_refused()
    {
        var result = await Tool.RunAsync(_folder, "runs", "--output", "xml");
        Assert.Equal(64, result.ExitCode);
        Assert.Contains("'xml' is not a format", result.Output);
    }

    [Fact]
    public async Task Piped_tables_keep_whole_words_on_one_line()
    {
        var sample =
            await Tool.RunAsync(_folder, "sample", "--storage", _folder, "--start", "2026-03-02", "--days", "3", "--students", "20");
        Assert.Equal(0, sample.ExitCode);
        Assert.Contains(sample.Lines, l => l.StartsWith("Wrote ", StringComparison.Ordinal)
            && l.TrimEnd().EndsWith("/raw/events/", StringComparison.Ordinal));
        var result = await Tool.RunAsync(_folder, "run", "--storage", _folder, "--date", "2026-03-02", "--to", "2026-03-04");
        Assert.Equal(0, result.ExitCode);
        // Each step's row holds its name and its counts on one line, and no date is cut in two.
        foreach (var step in new[] { "ingest", "clean", "sessionize", "aggregate" })
            Assert.Contains(result.Lines, l => l.Contains($" {step} ") && l.Any(char.IsDigit));
        Assert.DoesNotContain(result.Lines, l => l.TrimEnd().EndsWith("2026-03-0", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
