namespace Orchestrated.Storage.Objects;

/// <summary>
/// Objects as files under a folder. A write goes to a hidden temporary file beside the target, is flushed to
/// disk, then renamed over it: rename is atomic on POSIX, so a reader never sees half a file, and an
/// interrupted write leaves only a hidden temporary file that listings skip and the next write removes.
/// </summary>
public sealed class LocalObjectStore : IObjectStore
{
    private const string TempMarker = ".tmp-";
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);
    private readonly string _root;

    public LocalObjectStore(string rootPath)
    {
        _root = Path.GetFullPath(rootPath);
        Directory.CreateDirectory(_root);
    }

    public string Describe(string key) => PathOf(key);

    public Task<IReadOnlyList<StoredObject>> ListAsync(string prefix, CancellationToken cancellationToken = default)
    {
        // Walk from the deepest folder the prefix names, then filter by the full prefix.
        var folderPart = prefix.Contains('/') ? prefix[..(prefix.LastIndexOf('/') + 1)] : "";
        var start = PathOf(folderPart);
        var found = new List<StoredObject>();
        if (Directory.Exists(start))
        {
            foreach (var file in Directory.EnumerateFiles(start, "*", SearchOption.AllDirectories))
            {
                var key = KeyOf(file);
                if (!key.StartsWith(prefix, StringComparison.Ordinal) || IsTemporary(key)) continue;
                found.Add(Describe(new FileInfo(file), key));
            }
        }
        found.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return Task.FromResult<IReadOnlyList<StoredObject>>(found);
    }

    public Task<StoredObject?> StatAsync(string key, CancellationToken cancellationToken = default)
    {
        var info = new FileInfo(PathOf(key));
        return Task.FromResult(info.Exists ? Describe(info, key) : null);
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) throw new FileNotFoundException($"No object at {path}.", path);
        return Task.FromResult<Stream>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1 << 16,
            useAsync: false));
    }

    public async Task<StoredObject> WriteAsync(string key, Func<Stream, CancellationToken, Task> writeContent,
        CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        RemoveAbandonedTemporaries(folder, Path.GetFileName(path));
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}{TempMarker}{Guid.NewGuid():N}");
        try
        {
            await using (var stream =
                new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, useAsync: false))
            {
                await writeContent(new IncrementalSyncStream(stream), cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        return Describe(new FileInfo(path), key);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        TryDelete(PathOf(key));
        return Task.CompletedTask;
    }

    /// <summary>
    /// The file of a key. A key is a path of segments: a segment that is empty, "." or ".." (or holds a backslash or
    /// NUL) is refused, since it could name something outside the root; a name such as <c>a..jsonl</c> is just a name.
    /// </summary>
    private string PathOf(string key)
    {
        var folderOrKey = key.EndsWith('/') ? key[..^1] : key; // a listing prefix names a folder: "raw/events/date=…/"
        if (folderOrKey.Length > 0)
            foreach (var segment in folderOrKey.Split('/'))
                if (segment is "" or "." or ".." || segment.Contains('\\') || segment.Contains('\0'))
                    throw new ArgumentException($"Key '{key}' leaves the storage root.");
        var path = Path.GetFullPath(Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar)));
        var root = _root.TrimEnd(Path.DirectorySeparatorChar);
        if (path.TrimEnd(Path.DirectorySeparatorChar) != root
            && !path.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"Key '{key}' leaves the storage root.");
        return path;
    }

    private string KeyOf(string path) => Path.GetRelativePath(_root, path).Replace(Path.DirectorySeparatorChar, '/');

    private static bool IsTemporary(string key)
    {
        var name = key[(key.LastIndexOf('/') + 1)..];
        return name.StartsWith('.') && name.Contains(TempMarker, StringComparison.Ordinal);
    }

    private static StoredObject Describe(FileInfo info, string key) =>
        new(key, info.Length, $"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}", new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero));

    /// <summary>Temporaries of writes that died long ago; a live writer's temporary is younger than this.</summary>
    private static void RemoveAbandonedTemporaries(string folder, string fileName)
    {
        foreach (var stale in Directory.EnumerateFiles(folder, $".{fileName}{TempMarker}*"))
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(stale) > AbandonedAfter) TryDelete(stale);
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
