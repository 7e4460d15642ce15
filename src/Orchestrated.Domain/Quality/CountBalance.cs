namespace Orchestrated.Domain.Quality;

/// <summary>The contract's accounting rule: every event in is out, quarantined or a duplicate, exactly once.</summary>
public static class CountBalance
{
    public static DataQualityResult Check(long countIn, long countOut, long quarantined, long duplicates) =>
        DataQualityResult.HardCheck("counts_balanced", Math.Abs(countIn - (countOut + quarantined + duplicates)),
            $"in {countIn} != out {countOut} + quarantined {quarantined} + duplicates {duplicates}");
}
