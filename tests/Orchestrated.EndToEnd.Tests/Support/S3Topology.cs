using Orchestrated.Pipeline.Sample;
using Orchestrated.Storage.Objects;

namespace Orchestrated.EndToEnd.Tests.Support;

/// <summary>
/// The same processes with an S3 bucket as the storage root (the S3-compatible server test.sh starts:
/// ORCHESTRATED_TEST_S3_ENDPOINT and ORCHESTRATED_TEST_S3_BUCKET): raw data is uploaded to the bucket and outputs
/// are read back from it.
/// </summary>
public sealed class S3Topology : DistributedTopology
{
    public static readonly SampleOptions Sample = Window(Yesterday.AddDays(-100), 4);
    private readonly string _prefix = "e2e-" + Guid.NewGuid().ToString("N")[..8];

    private static string Endpoint => Environment.GetEnvironmentVariable("ORCHESTRATED_TEST_S3_ENDPOINT")
        ?? throw new InvalidOperationException("ORCHESTRATED_TEST_S3_ENDPOINT is not set: run the tests with ./test.sh, which starts an S3-compatible server.");

    private static string Bucket => Environment.GetEnvironmentVariable("ORCHESTRATED_TEST_S3_BUCKET") ?? "orchestrated-test";

    public static S3Options S3 => new() { ServiceUrl = Endpoint, AccessKey = "S3RVER", SecretKey = "S3RVER" };

    protected override string StorageRoot => $"s3://{Bucket}/{_prefix}";

    public IObjectStore Store => ObjectStores.Open(StorageRoot, S3);

    protected override IEnumerable<KeyValuePair<string, string>> StorageEnvironment() =>
    [
        new("Orchestrated__S3__ServiceUrl", Endpoint),
        new("Orchestrated__S3__AccessKey", "S3RVER"),
        new("Orchestrated__S3__SecretKey", "S3RVER"),
    ];

    /// <summary>Writes the sample locally, then uploads every raw file to the bucket, as an LMS export would arrive.</summary>
    protected override async Task WriteSamplesAsync()
    {
        SampleDataGenerator.Write(Staging, Sample);
        var store = Store;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Staging, "raw"), "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(Staging, file).Replace(Path.DirectorySeparatorChar, '/');
            await store.WriteAsync(key, async (stream, ct) =>
            {
                await using var source = File.OpenRead(file);
                await source.CopyToAsync(stream, ct);
            });
        }
    }
}
