using Orchestrated.Workflows.Definitions;

namespace Orchestrated.Workflows.Tests.Definitions;

public class DurationTests
{
    [Theory]
    [InlineData("30s", 30)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    [InlineData("1d6h", 108000)]
    [InlineData("1h30m15s", 5415)]
    [InlineData("0s", 0)]
    public void Parse_reads_units_largest_first(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Duration.Parse(text));

    [Fact]
    public void Parse_reads_milliseconds() => Assert.Equal(TimeSpan.FromMilliseconds(1250), Duration.Parse("1s250ms"));

    [Theory]
    [InlineData("", "required")]
    [InlineData("30", "unknown unit")]
    [InlineData("5 minutes", "unknown unit")]
    [InlineData("m5", "not a duration")]
    [InlineData("-5m", "not a duration")]
    [InlineData("5m1h", "largest first")]
    [InlineData("1h1h", "largest first")]
    [InlineData("5w", "unknown unit")]
    [InlineData("999999999d", "longer than 3650d")]
    [InlineData("3650d1ms", "longer than 3650d")]
    public void TryParse_refuses_with_a_reason(string text, string reason)
    {
        Assert.False(Duration.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("1d6h")]
    [InlineData("30m")]
    [InlineData("1h30m15s250ms")]
    public void Format_round_trips(string text) => Assert.Equal(text, Duration.Format(Duration.Parse(text)));

    [Fact]
    public void Format_normalises_overflowing_units() => Assert.Equal("1h30m", Duration.Format(Duration.Parse("90m")));
}
