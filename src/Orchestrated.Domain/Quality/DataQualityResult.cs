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

/// <summary>Thrown when a hard data-quality check fails: retrying cannot help, the input or the code must change.</summary>
public sealed class DataQualityException(IReadOnlyList<DataQualityResult> failures)
    : Exception("Data-quality checks failed: " + string.Join("; ", failures.Select(f => $"{f.Check} ({f.Violations}): {f.Detail}")))
{
    public IReadOnlyList<DataQualityResult> Failures { get; } = failures;

    public static void ThrowIfAnyHardFailed(IEnumerable<DataQualityResult> results)
    {
        var failed = results.Where(r => r.Hard && !r.Passed).ToList();
        if (failed.Count > 0) throw new DataQualityException(failed);
    }
}
