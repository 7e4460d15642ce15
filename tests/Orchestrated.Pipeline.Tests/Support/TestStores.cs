namespace Orchestrated.Pipeline.Tests.Support;

/// <summary>The step settings of the tests' runs, with the hash key they are checked against.</summary>
public static class TestStores
{
    public const string HashKey = "integration-test-key";

    /// <summary>The step settings of the tests' runs (the storage is the store they are given).</summary>
    public static StepSettings Settings(string storage) => new()
    {
        StudentHashKey = HashKey,
        // Small row groups so that even a small test day spans several of them.
        Parquet = new global::Orchestrated.Storage.Parquet.ParquetSettings { RowGroupSize = 1000 },
    };
}
