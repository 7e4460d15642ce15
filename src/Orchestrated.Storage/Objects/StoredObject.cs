namespace Orchestrated.Storage.Objects;

/// <summary>An object's identity for lineage: a change of <see cref="Version"/> means its content may have changed.</summary>
public sealed record StoredObject(string Key, long Size, string Version, DateTimeOffset LastModified)
{
    /// <summary>The version recorded for an input that was looked for and not found.</summary>
    public const string AbsentVersion = "absent";

    public static StoredObject Absent(string key) => new(key, 0, AbsentVersion, DateTimeOffset.MinValue);

    public bool IsAbsent => Version == AbsentVersion;
}
