using System.Text;
using CsCheck;
using Orchestrated.Domain.Events;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Tests.Events;

public class EventTimestampTests
{
    private static long Utc(int y, int mo, int d, int h, int mi, int s, int micros = 0) =>
        UtcMicros.FromDateTime(new DateTime(y, mo, d, h, mi, s, DateTimeKind.Utc)) + micros;

    private static long? Parse(string text) => EventTimestamp.TryParseIso(Encoding.ASCII.GetBytes(text), out var m) ? m : null;

    [Fact]
    public void Iso_with_Z_is_read_as_UTC() => Assert.Equal(Utc(2026, 3, 2, 10, 0, 0), Parse("2026-03-02T10:00:00Z"));

    [Fact]
    public void Offset_plus_05_30_is_converted_to_UTC() => Assert.Equal(Utc(2026, 3, 2, 4, 30, 0), Parse("2026-03-02T10:00:00+05:30"));

    [Fact]
    public void Negative_offset_is_converted_to_UTC() => Assert.Equal(Utc(2026, 3, 2, 13, 0, 0), Parse("2026-03-02T10:00:00-03:00"));

    [Fact]
    public void Offset_can_move_the_instant_to_the_previous_UTC_day() =>
        Assert.Equal(UtcMicros.StartOf(new DateOnly(2026, 3, 1)) + 21 * 3600 * UtcMicros.PerSecond, Parse("2026-03-02T02:30:00+05:30"));

    [Theory]
    [InlineData("2026-03-02T10:00:00.5Z", 500_000)]
    [InlineData("2026-03-02T10:00:00.123Z", 123_000)]
    [InlineData("2026-03-02T10:00:00.123456Z", 123_456)]
    [InlineData("2026-03-02T10:00:00.1234567Z", 123_456)]
    [InlineData("2026-03-02T10:00:00.999999999Z", 999_999)]
    public void Fractional_seconds_are_kept_to_the_microsecond_and_further_digits_truncated(string text, int micros) =>
        Assert.Equal(Utc(2026, 3, 2, 10, 0, 0, micros), Parse(text));

    [Theory]
    [InlineData("2026-03-02T10:00:00")]          // no zone: the instant is unknown
    [InlineData("2026-03-02T10:00:00.123")]
    [InlineData("2026-03-02 10:00:00Z")]         // space instead of T
    [InlineData("2026-02-30T10:00:00Z")]         // no such day
    [InlineData("2026-03-02T24:00:00Z")]
    [InlineData("2026-03-02T10:00:60Z")]
    [InlineData("2026-03-02T10:00:00+0530")]     // offset without colon
    [InlineData("2026-03-02T10:00:00+05")]
    [InlineData("2026-03-02T10:00:00.Z")]
    [InlineData("2026-03-02T10:00:00Zjunk")]
    [InlineData("yesterday")]
    [InlineData("")]
    public void Malformed_or_zoneless_iso_is_refused(string text) => Assert.Null(Parse(text));

    [Fact]
    public void Epoch_milliseconds_are_read_as_UTC()
    {
        Assert.True(EventTimestamp.TryFromEpochMilliseconds(1_772_445_600_123L, out var micros));
        Assert.Equal(UtcMicros.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(1_772_445_600_123L).UtcDateTime), micros);
    }

    [Fact]
    public void Fractional_epoch_milliseconds_are_truncated_to_the_microsecond()
    {
        Assert.True(EventTimestamp.TryFromEpochMilliseconds(1000.0019m, out var micros));
        Assert.Equal(1_000_001, micros);
    }

    [Fact]
    public void Epoch_milliseconds_beyond_year_9999_are_refused() =>
        Assert.False(EventTimestamp.TryFromEpochMilliseconds(long.MaxValue / 10, out _));

    [Fact]
    public void Any_valid_date_and_time_is_the_instant_DateTime_gives() =>
        Gen.Select(Gen.Int[1, 9999], Gen.Int[1, 12], Gen.Int[1, 31], Gen.Int[0, 86_399])
            .Sample(t =>
            {
                var (y, mo, d, second) = t;
                d = Math.Min(d, DateTime.DaysInMonth(y, mo));
                var text = $"{y:D4}-{mo:D2}-{d:D2}T{second / 3600:D2}:{second / 60 % 60:D2}:{second % 60:D2}Z";
                Assert.Equal(Utc(y, mo, d, second / 3600, second / 60 % 60, second % 60), Parse(text));
            }, iter: 2000);

    [Fact]
    public void Instants_before_1970_and_at_the_ends_of_the_calendar_are_valid()
    {
        Assert.Equal(-UtcMicros.PerSecond, Parse("1969-12-31T23:59:59Z"));
        Assert.Equal(UtcMicros.MinValue, Parse("0001-01-01T00:00:00Z"));
        Assert.Equal(UtcMicros.MaxValue, Parse("9999-12-31T23:59:59.999999Z"));
        Assert.Equal(new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc), UtcMicros.ToDateTime(UtcMicros.MinValue));
    }
}
