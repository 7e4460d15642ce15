using Orchestrated.Storage.Objects;

namespace Orchestrated.Testing;

/// <summary>
/// The S3 API the tests run against: a real S3-compatible server whose address comes from
/// <c>ORCHESTRATED_TEST_S3_ENDPOINT</c> (<c>./test.sh</c> starts one on loopback). Without it the S3 tests fail:
/// a missing service is an error, never a silent skip.
/// </summary>
public static class TestS3
{
    public static string Endpoint => Environment.GetEnvironmentVariable("ORCHESTRATED_TEST_S3_ENDPOINT")
        ?? throw new InvalidOperationException(
            "ORCHESTRATED_TEST_S3_ENDPOINT is not set: run ./test.sh, which starts an S3-compatible server, or point it at one.");

    public static string Bucket => Environment.GetEnvironmentVariable("ORCHESTRATED_TEST_S3_BUCKET") ?? "orchestrated-test";

    public static S3Options Options(int maxRetries = 4) => new()
    {
        ServiceUrl = Endpoint,
        AccessKey = Environment.GetEnvironmentVariable("ORCHESTRATED_TEST_S3_ACCESS_KEY") ?? "S3RVER",
        SecretKey = Environment.GetEnvironmentVariable("ORCHESTRATED_TEST_S3_SECRET_KEY") ?? "S3RVER",
        MaxRetries = maxRetries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        MultipartThresholdBytes = 8L * 1024 * 1024,
    };

    /// <summary>A fresh prefix in the test bucket, so tests never see each other's objects.</summary>
    public static string NewRoot() => $"s3://{Bucket}/test-{Guid.NewGuid():N}";

    public static S3ObjectStore NewStore(int maxRetries = 4) => new(StorageRoot.Parse(NewRoot()), Options(maxRetries));
}
