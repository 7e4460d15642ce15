namespace Orchestrated.Contracts;

/// <summary>A stored object as it was when read or written: its version is an ETag or a modification stamp.</summary>
public sealed record ObjectVersion(string Key, long Size, string Version);
