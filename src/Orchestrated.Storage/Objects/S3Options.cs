namespace Orchestrated.Storage.Objects;

/// <summary>How to reach an S3-compatible service. Keys may be empty to use the SDK's default credential chain.</summary>
public sealed class S3Options
{
    /// <summary>The endpoint, e.g. <c>http://minio:9000</c>; empty for AWS itself.</summary>
    public string? ServiceUrl { get; set; }
    public string Region { get; set; } = "us-east-1";
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    /// <summary>Path-style addressing (<c>endpoint/bucket/key</c>), which MinIO and most compatible servers need.</summary>
    public bool ForcePathStyle { get; set; } = true;
    /// <summary>Retries of transient faults (5xx, throttling, timeouts, dropped connections); nothing else is retried.</summary>
    public int MaxRetries { get; set; } = 4;
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Objects above this size are uploaded in parts.</summary>
    public long MultipartThresholdBytes { get; set; } = 64L * 1024 * 1024;
}
