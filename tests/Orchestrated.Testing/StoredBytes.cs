using Orchestrated.Storage.Objects;

namespace Orchestrated.Testing;

/// <summary>An object's bytes as a test compares them.</summary>
public static class StoredBytes
{
    public static async Task<byte[]> ReadAsync(IObjectStore store, string key)
    {
        await using var s = await store.OpenReadAsync(key);
        using var memory = new MemoryStream();
        await s.CopyToAsync(memory);
        return memory.ToArray();
    }
}
