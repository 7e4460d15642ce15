using Orchestrated.Storage.Objects;

namespace Orchestrated.Pipeline.Tests.Support;

/// <summary>A folder that disappears with the test.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("orchestrated-test-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
    }
}

/// <summary>
/// The stores the tests run against. S3 is a real S3-compatible server whose address comes from
/// <c>ORCHESTRATED_TEST_S3_ENDPOINT</c> (<c>./test.sh</c> starts one on loopback). Without it the S3 tests fail:
/// a missing service is an error, never a silent skip.
/// </summary>
public static class TestStores
{
    public const string HashKey = "integration-test-key";

    public static string S3Endpoint => Environment.GetEnvironmentVariable("ORCHESTRATED_TEST_S3_ENDPOINT")
        ?? throw new InvalidOperationException("ORCHESTRATED_TEST_S3_ENDPOINT is not set: run ./test.sh, which starts an S3-compatible server, or point it at one.");

    public static string S3Bucket => Environment.GetEnvironmentVariable("ORCHESTRATED_TEST_S3_BUCKET") ?? "orchestrated-test";

    public static S3Options S3Options(int maxRetries = 4) => new()
    {
        ServiceUrl = S3Endpoint,
        AccessKey = Environment.GetEnvironmentVariable("ORCHESTRATED_TEST_S3_ACCESS_KEY") ?? "S3RVER",
        SecretKey = Environment.GetEnvironmentVariable("ORCHESTRATED_TEST_S3_SECRET_KEY") ?? "S3RVER",
        MaxRetries = maxRetries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        MultipartThresholdBytes = 8L * 1024 * 1024,
    };

    /// <summary>A fresh prefix in the test bucket, so tests never see each other's objects.</summary>
    public static string NewS3Root() => $"s3://{S3Bucket}/test-{Guid.NewGuid():N}";

    public static S3ObjectStore NewS3Store(int maxRetries = 4) => new(StorageRoot.Parse(NewS3Root()), S3Options(maxRetries));

    /// <summary>The step settings of the tests' runs (the storage is the store they are given).</summary>
    public static StepSettings Settings(string storage) => new()
    {
        StudentHashKey = HashKey,
        // Small row groups so that even a small test day spans several of them.
        Parquet = new global::Orchestrated.Storage.Parquet.ParquetSettings { RowGroupSize = 1000 },
    };
}
