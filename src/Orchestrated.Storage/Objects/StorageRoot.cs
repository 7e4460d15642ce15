namespace Orchestrated.Storage.Objects;

/// <summary>The configured root: <c>./data</c> (any local path) or <c>s3://bucket/prefix</c>.</summary>
public sealed record StorageRoot
{
    private StorageRoot(string? localPath, string? bucket, string prefix)
    {
        LocalPath = localPath;
        Bucket = bucket;
        Prefix = prefix;
    }

    public string? LocalPath { get; }
    public string? Bucket { get; }
    /// <summary>The key prefix inside the bucket, empty or ending with '/'.</summary>
    public string Prefix { get; }
    public bool IsS3 => Bucket is not null;

    public static StorageRoot Parse(string root)
    {
        if (string.IsNullOrWhiteSpace(root)) throw new ArgumentException("The storage root is empty: give a folder or s3://bucket/prefix.");
        if (root.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            var rest = root[5..];
            var slash = rest.IndexOf('/');
            var bucket = slash < 0 ? rest : rest[..slash];
            var prefix = slash < 0 ? "" : rest[(slash + 1)..].Trim('/');
            if (bucket.Length == 0) throw new ArgumentException($"'{root}' names no bucket: use s3://bucket/prefix.");
            return new StorageRoot(null, bucket, prefix.Length == 0 ? "" : prefix + "/");
        }
        if (root.Contains("://", StringComparison.Ordinal))
            throw new ArgumentException($"'{root}' is neither a local folder nor an s3:// URL.");
        return new StorageRoot(Path.GetFullPath(root), null, "");
    }

    public override string ToString() => IsS3 ? $"s3://{Bucket}/{Prefix}" : LocalPath!;
}
