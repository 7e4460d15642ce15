namespace Orchestrated.Storage.Objects;

/// <summary>
/// The one storage port: objects under a root that is a local folder or an S3 bucket and prefix.
/// Keys use '/' on every backend. A write is atomic: readers see the old object or the new one, never a part.
/// </summary>
public interface IObjectStore
{
    /// <summary>Where a key lives, for people: an absolute path or an s3:// URL.</summary>
    string Describe(string key);

    /// <summary>Every object whose key starts with <paramref name="prefix"/>, at any depth, in ordinal key order.
    /// Uncommitted temporary objects of interrupted writes are never listed.</summary>
    Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken = default);

    Task<StoredObject?> StatAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>A readable, seekable stream of the whole object. Throws <see cref="FileNotFoundException"/> when absent.</summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Writes the object through <paramref name="writeContent"/> and makes it visible in one step.
    /// If the write fails or is interrupted, the previous object (if any) stays as it was.</summary>
    Task<StoredObject> WriteAsync(string key, Func<Stream, CancellationToken, Task> writeContent,
        CancellationToken cancellationToken = default);

    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}
