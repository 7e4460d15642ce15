using System.Security.Cryptography;
using System.Text;

namespace Orchestrated.Domain.Cleaning;

/// <summary>
/// <c>student_hash = lowercase hex HMAC-SHA256(key, UTF-8(trim(student_id)))</c>. A day has far fewer students
/// than events, so each distinct id is hashed once and remembered. One HMAC context is kept and reused (setting
/// one up costs more than hashing a short id), so an instance serves one thread at a time.
/// </summary>
public sealed class StudentHasher : IDisposable
{
    private const int MaxCachedIds = 1_000_000;
    private readonly IncrementalHash _hmac;
    private readonly Dictionary<string, string> _cache = new(StringComparer.Ordinal);

    public StudentHasher(byte[] key)
    {
        if (key.Length == 0) throw new ArgumentException("The student hash key must not be empty.", nameof(key));
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);
    }

    public void Dispose() => _hmac.Dispose();

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
        _hmac.AppendData(Encoding.UTF8.GetBytes(trimmed.ToString()));
        Span<byte> mac = stackalloc byte[32];
        _hmac.GetHashAndReset(mac);
        return Convert.ToHexStringLower(mac);
    }
}
