using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Orchestrated.Domain.Text;

/// <summary>
/// SipHash (Aumasson and Bernstein), the keyed hash made for hash tables fed by untrusted input: without the key,
/// nobody can compute ids that collide, so a crafted batch cannot turn a table's probing quadratic. SipHash-1-3 (one
/// round per block, three at the end) is what Rust's and Python's tables use; <see cref="Hash24"/> is the original,
/// kept for the published test vectors.
/// </summary>
public static class SipHash
{
    public static ulong Hash13(ReadOnlySpan<byte> bytes, ulong k0, ulong k1) => Hash(bytes, k0, k1, 1, 3);

    public static ulong Hash24(ReadOnlySpan<byte> bytes, ulong k0, ulong k1) => Hash(bytes, k0, k1, 2, 4);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(ReadOnlySpan<byte> bytes, ulong k0, ulong k1, int blockRounds, int finalRounds)
    {
        var v0 = k0 ^ 0x736f6d6570736575UL;
        var v1 = k1 ^ 0x646f72616e646f6dUL;
        var v2 = k0 ^ 0x6c7967656e657261UL;
        var v3 = k1 ^ 0x7465646279746573UL;
        var last = (ulong)bytes.Length << 56;
        while (bytes.Length >= 8)
        {
            var m = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
            v3 ^= m;
            for (var r = 0; r < blockRounds; r++) Round(ref v0, ref v1, ref v2, ref v3);
            v0 ^= m;
            bytes = bytes[8..];
        }
        for (var i = 0; i < bytes.Length; i++) last |= (ulong)bytes[i] << (8 * i);
        v3 ^= last;
        for (var r = 0; r < blockRounds; r++) Round(ref v0, ref v1, ref v2, ref v3);
        v0 ^= last;
        v2 ^= 0xff;
        for (var r = 0; r < finalRounds; r++) Round(ref v0, ref v1, ref v2, ref v3);
        return v0 ^ v1 ^ v2 ^ v3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref ulong v0, ref ulong v1, ref ulong v2, ref ulong v3)
    {
        v0 += v1; v1 = BitOperations.RotateLeft(v1, 13); v1 ^= v0; v0 = BitOperations.RotateLeft(v0, 32);
        v2 += v3; v3 = BitOperations.RotateLeft(v3, 16); v3 ^= v2;
        v0 += v3; v3 = BitOperations.RotateLeft(v3, 21); v3 ^= v0;
        v2 += v1; v1 = BitOperations.RotateLeft(v1, 17); v1 ^= v2; v2 = BitOperations.RotateLeft(v2, 32);
    }
}
