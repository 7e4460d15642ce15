namespace Orchestrated.Domain.Time;

/// <summary>
/// Timestamps inside the pipeline are microseconds since the Unix epoch, UTC: the contract's
/// precision, one <see cref="long"/> per event, and free of DateTime's Kind ambiguity.
/// </summary>
public static class UtcMicros
{
    public const long PerSecond = 1_000_000;
    public const long PerMinute = 60 * PerSecond;
    public const long PerDay = 86_400 * PerSecond;

    // First: static fields are initialised in order, and the two below need it (declared after them, it was still 0).
    private static readonly long EpochTicks = DateTime.UnixEpoch.Ticks;
    private static readonly int EpochDayNumber = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    /// <summary>0001-01-01T00:00:00Z, the smallest instant a DateTime (and so Parquet.Net) can hold.</summary>
    public static readonly long MinValue = FromDateTime(DateTime.MinValue);

    /// <summary>9999-12-31T23:59:59.999999Z.</summary>
    public static readonly long MaxValue = FromDateTime(DateTime.MaxValue);

    public static long FromDateTime(DateTime utc) => (utc.Ticks - EpochTicks) / 10;

    public static DateTime ToDateTime(long micros) => new(micros * 10 + EpochTicks, DateTimeKind.Utc);

    public static long StartOf(DateOnly date) => (long)(date.DayNumber - EpochDayNumber) * PerDay;

    public static DateOnly DateOf(long micros) => DateOnly.FromDayNumber(EpochDayNumber + (int)FloorDiv(micros, PerDay));

    public static string Format(long micros) => ToDateTime(micros).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'");

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);
}
