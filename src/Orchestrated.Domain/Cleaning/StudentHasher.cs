using System.Security.Cryptography;
using System.Text;

namespace Orchestrated.Domain.Cleaning;

/// <summary>
/// <c>student_hash = lowercase hex HMAC-SHA256(key, UTF-8(trim(student_id)))</c>. A day has far fewer students
/// than events, so each distinct id is hashed once and remembered.
/// </summary>
public sealed class StudentHasher
{
    private const int MaxCachedIds = 1_000_000;
    private readonly byte[] _key;
    private readonly Dictionary<string, string> _cache = new(StringComparer.Ordinal);

    public StudentHasher(byte[] key)
    {
        if (key.Length == 0) throw new ArgumentException("The student hash key must not be empty.", nameof(key));
        _key = key;
    }

    public string Hash(string studentId)
    {
        if (_cache.TryGetValue(studentId, out var cached)) return cached;
        var hash = Compute(studentId.AsSpan().Trim());
        if (_cache.Count < MaxCachedIds) _cache[studentId] = hash;
        return hash;
    }

    public string Hash(ReadOnlySpan<char> studentId)
    {
        var lookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(studentId, out var cached)) return cached;
        var hash = Compute(studentId.Trim());
        if (_cache.Count < MaxCachedIds) _cache[studentId.ToString()] = hash;
        return hash;
    }

    private string Compute(ReadOnlySpan<char> trimmed)
    {
        var bytes = Encoding.UTF8.GetBytes(trimmed.ToString());
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_key, bytes, mac);
        return Convert.ToHexStringLower(mac);
    }
}
