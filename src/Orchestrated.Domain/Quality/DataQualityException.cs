namespace Orchestrated.Domain.Quality;

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
