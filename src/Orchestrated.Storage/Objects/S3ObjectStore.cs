using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.S3.Transfer;
using Microsoft.Extensions.Logging;
using Polly;

namespace Orchestrated.Storage.Objects;

/// <summary>
/// Objects in an S3 bucket under a prefix (AWS, MinIO or any compatible server, path-style). A PUT (or a
/// completed multipart upload) is atomic, so a reader sees the old object or the new one. Content is staged
/// in a local temporary file both ways: Parquet needs seekable streams, and a retry can restart from the file.
/// </summary>
public sealed class S3ObjectStore : IObjectStore, IDisposable
{
    private readonly IAmazonS3 _client;
    private readonly string _bucket;
    private readonly string _prefix;
    private readonly S3Options _options;
    private readonly ResiliencePipeline _retry;
    private readonly string _staging;

    public S3ObjectStore(StorageRoot root, S3Options options, ILogger? logger = null)
    {
        if (!root.IsS3) throw new ArgumentException("S3ObjectStore needs an s3:// root.", nameof(root));
        _bucket = root.Bucket!;
        _prefix = root.Prefix;
        _options = options;
        _client = CreateClient(options);
        _retry = TransientFaults.CreatePipeline(options, logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        _staging = Path.Combine(Path.GetTempPath(), "orchestrated-s3-staging");
        Directory.CreateDirectory(_staging);
    }

    public static IAmazonS3 CreateClient(S3Options options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            MaxErrorRetry = 0, // Polly is the one retry layer
            Timeout = options.RequestTimeout,
            // Compatible servers do not all understand the SDK v4 default trailing checksums.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = options.Region;
        }
        else config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);

        return string.IsNullOrEmpty(options.AccessKey)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKey, options.SecretKey), config);
    }

    public string Describe(string key) => $"s3://{_bucket}/{_prefix}{key}";

    public async Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var found = new List<StoredObject>();
        string? continuation = null;
        do
        {
            var request = new ListObjectsV2Request { BucketName = _bucket, Prefix = _prefix + prefix, ContinuationToken = continuation };
            var page = await _retry.ExecuteAsync(async ct => await _client.ListObjectsV2Async(request, ct), cancellationToken);
            foreach (var o in page.S3Objects ?? [])
                found.Add(new StoredObject(o.Key[_prefix.Length..], o.Size ?? 0, o.ETag ?? "",
                    new DateTimeOffset(o.LastModified ?? DateTime.UnixEpoch, TimeSpan.Zero)));
            continuation = page.IsTruncated == true ? page.NextContinuationToken : null;
        } while (continuation is not null);
        found.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return found;
    }

    public async Task<StoredObject?> StatAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var meta =
                await _retry.ExecuteAsync(async ct => await _client.GetObjectMetadataAsync(_bucket, _prefix + key, ct), cancellationToken);
            return new StoredObject(key, meta.ContentLength, meta.ETag ?? "",
                new DateTimeOffset(meta.LastModified ?? DateTime.UnixEpoch, TimeSpan.Zero));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var temp = NewStagingPath();
        try
        {
            await _retry.ExecuteAsync(async ct =>
            {
                using var response = await _client.GetObjectAsync(_bucket, _prefix + key, ct);
                await using var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
                await response.ResponseStream.CopyToAsync(file, ct);
            }, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            File.Delete(temp);
            throw new FileNotFoundException($"No object at {Describe(key)}.", Describe(key), e);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        return new FileStream(temp, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.DeleteOnClose);
    }

    public async Task<StoredObject> WriteAsync(string key, Func<Stream, CancellationToken, Task> writeContent,
        CancellationToken cancellationToken = default)
    {
        var temp = NewStagingPath();
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
                await writeContent(file, cancellationToken);
            var size = new FileInfo(temp).Length;
            await _retry.ExecuteAsync(async ct =>
            {
                if (size <= _options.MultipartThresholdBytes)
                    await _client.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = _prefix + key, FilePath = temp }, ct);
                else
                    await new TransferUtility(_client).UploadAsync(new TransferUtilityUploadRequest
                    {
                        BucketName = _bucket, Key = _prefix + key, FilePath = temp, PartSize = 16L * 1024 * 1024,
                    }, ct);
            }, cancellationToken);
        }
        finally
        {
            File.Delete(temp);
        }
        return await StatAsync(key, cancellationToken)
            ?? throw new IOException($"{Describe(key)} was written but cannot be found.");
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        _retry.ExecuteAsync(async ct => { await _client.DeleteObjectAsync(_bucket, _prefix + key, ct); }, cancellationToken).AsTask();

    public void Dispose() => _client.Dispose();

    private string NewStagingPath() => Path.Combine(_staging, Guid.NewGuid().ToString("N"));
}
