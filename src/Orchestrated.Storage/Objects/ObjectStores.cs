using Microsoft.Extensions.Logging;

namespace Orchestrated.Storage.Objects;

/// <summary>Opens the store a root names: a local folder, or S3 with the given options.</summary>
public static class ObjectStores
{
    public static IObjectStore Open(string root, S3Options? s3 = null, ILogger? logger = null)
    {
        var parsed = StorageRoot.Parse(root);
        return parsed.IsS3 ? new S3ObjectStore(parsed, s3 ?? new S3Options(), logger) : new LocalObjectStore(parsed.LocalPath!);
    }
}
