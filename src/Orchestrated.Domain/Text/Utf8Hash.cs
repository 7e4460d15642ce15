using System.Buffers.Binary;
using System.Numerics;

namespace Orchestrated.Domain.Text;

/// <summary>
/// A fast 64-bit hash of a byte string for in-memory hash tables (symbols, event ids). Not stored anywhere and not
/// meant to resist crafted collisions: a collision costs one extra comparison, never a wrong answer.
/// </summary>
public static class Utf8Hash
{
    private const ulong Multiplier = 0x9E3779B97F4A7C15;

    public static ulong Of(ReadOnlySpan<byte> bytes)
    {
        var h = (ulong)bytes.Length * Multiplier;
        while (bytes.Length >= 8)
        {
            h = BitOperations.RotateLeft((h ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes)) * Multiplier, 29);
            bytes = bytes[8..];
        }
        if (bytes.Length >= 4)
        {
            // The last 4..7 bytes as two overlapping 4-byte reads.
            var tail = ((ulong)BinaryPrimitives.ReadUInt32LittleEndian(bytes) << 32) | BinaryPrimitives.ReadUInt32LittleEndian(bytes[^4..]);
            h = BitOperations.RotateLeft((h ^ tail) * Multiplier, 29);
        }
        else if (bytes.Length > 0)
        {
            var tail = ((ulong)bytes[0] << 16) | ((ulong)bytes[bytes.Length >> 1] << 8) | bytes[^1];
            h = BitOperations.RotateLeft((h ^ tail) * Multiplier, 29);
        }
        return Finish(h);
    }

    /// <summary>Murmur3's finaliser: every input bit reaches the low bits, which pick the table slot.</summary>
    private static ulong Finish(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCD;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53;
        return h ^ (h >> 33);
    }
}
