using System.Globalization;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Tests.Sessions;

/// <summary>Test events written the way people read them: student, device, "2026-03-02T10:00:00Z".</summary>
internal sealed record TestEvent(string Student, string Device, long Ts, string? Page = null, double? Spent = null, string? Browser = null,
    string? Network = null)
{
    public static long At(string iso) =>
        UtcMicros.FromDateTime(DateTime.Parse(iso, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));

    public static TestEvent E(string student, string device, string iso, string? page = null, double? spent = null) =>
        new(student, device, At(iso), page, spent);
}
