namespace Orchestrated.Domain.Quality;

/// <summary>
/// One data-quality check of one run. A failed <see cref="Hard"/> check fails the step: its output would be wrong.
/// Soft checks are anomalies: counted and logged, the output stands.
/// </summary>
public sealed record DataQualityResult(string Check, bool Hard, bool Passed, long Violations, string? Detail = null)
{
    public static DataQualityResult HardCheck(string check, long violations, string? detail = null) =>
        new(check, Hard: true, violations == 0, violations, violations == 0 ? null : detail);

    public static DataQualityResult Anomaly(string check, long count, string? detail = null) =>
        new(check, Hard: false, count == 0, count, count == 0 ? null : detail);
}
