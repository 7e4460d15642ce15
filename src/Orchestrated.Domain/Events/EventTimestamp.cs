using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Events;

/// <summary>
/// The contract's two timestamp forms: ISO-8601 <c>YYYY-MM-DDTHH:MM:SS[.fraction]</c> with <c>Z</c> or an
/// offset, or a number of epoch milliseconds. Parsed strictly and without allocation: a timestamp
/// without a zone is refused because its instant is unknown.
/// </summary>
public static class EventTimestamp
{
    public static bool TryParseIso(ReadOnlySpan<byte> s, out long utcMicros)
    {
        utcMicros = 0;
        // Shortest valid form: 2026-01-05T10:00:00Z (20 bytes).
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
            return false;
        if (!TryDigits(s, 0, 4, out var year) || !TryDigits(s, 5, 2, out var month) || !TryDigits(s, 8, 2, out var day)
            || !TryDigits(s, 11, 2, out var hour) || !TryDigits(s, 14, 2, out var minute) || !TryDigits(s, 17, 2, out var second))
            return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
            return false;

        var i = 19;
        long fractionMicros = 0;
        if (s[i] == '.')
        {
            i++;
            var start = i;
            long scale = 100_000;
            while (i < s.Length && IsDigit(s[i]))
            {
                // Digits past the sixth are truncated, as the contract says.
                fractionMicros += (s[i] - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == start) return false;
        }
        if (i >= s.Length) return false; // no zone: the instant is unknown

        long offsetMicros;
        if (s[i] == 'Z')
        {
            offsetMicros = 0;
            i++;
        }
        else if (s[i] is (byte)'+' or (byte)'-')
        {
            if (s.Length - i != 6 || s[i + 3] != ':'
                || !TryDigits(s, i + 1, 2, out var offHours) || !TryDigits(s, i + 4, 2, out var offMinutes)
                || offHours > 23 || offMinutes > 59)
                return false;
            offsetMicros = (offHours * 3600L + offMinutes * 60L) * UtcMicros.PerSecond;
            if (s[i] == '-') offsetMicros = -offsetMicros;
            i += 6;
        }
        else return false;
        if (i != s.Length) return false;

        var micros = UtcMicros.StartOf(new DateOnly(year, month, day)) + (hour * 3600L + minute * 60L + second) * UtcMicros.PerSecond
            + fractionMicros - offsetMicros;
        if (micros < UtcMicros.MinValue || micros > UtcMicros.MaxValue) return false;
        utcMicros = micros;
        return true;
    }

    public static bool TryFromEpochMilliseconds(long milliseconds, out long utcMicros)
    {
        utcMicros = 0;
        if (milliseconds < UtcMicros.MinValue / 1000 || milliseconds > UtcMicros.MaxValue / 1000) return false;
        utcMicros = milliseconds * 1000;
        return true;
    }

    public static bool TryFromEpochMilliseconds(decimal milliseconds, out long utcMicros)
    {
        utcMicros = 0;
        // Range first: multiplying a huge decimal (1e27) by 1000 would overflow and throw.
        if (milliseconds < UtcMicros.MinValue / 1000 - 1 || milliseconds > UtcMicros.MaxValue / 1000 + 1) return false;
        var micros = decimal.Truncate(milliseconds * 1000m);
        if (micros < UtcMicros.MinValue || micros > UtcMicros.MaxValue) return false;
        utcMicros = (long)micros;
        return true;
    }

    private static bool IsDigit(byte b) => b is >= (byte)'0' and <= (byte)'9';

    private static bool TryDigits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length) return false;
        for (var k = start; k < start + count; k++)
        {
            if (!IsDigit(s[k])) return false;
            value = value * 10 + (s[k] - '0');
        }
        return true;
    }
}
