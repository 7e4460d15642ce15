using System.Security.Cryptography;

namespace Orchestrated.Domain.Text;

/// <summary>
/// The 64-bit hash of a byte string for in-memory hash tables (symbols, event ids): SipHash-1-3 under a key drawn
/// at random when the process starts. Ids and symbols come from raw files anyone can write, and an unkeyed hash
/// (the multiply-rotate one used before) has collisions that hold whatever its seed — a batch of such ids made
/// every insert probe the whole run of the ones before it. Not stored anywhere, so a new key each run changes
/// nothing a user sees: tables hand out codes in insertion order, never in hash order.
/// </summary>
public static class Utf8Hash
{
    private static readonly (ulong K0, ulong K1) Key = NewKey();

    public static ulong Of(ReadOnlySpan<byte> bytes) => SipHash.Hash13(bytes, Key.K0, Key.K1);

    private static (ulong, ulong) NewKey()
    {
        Span<ulong> key = stackalloc ulong[2];
        RandomNumberGenerator.Fill(System.Runtime.InteropServices.MemoryMarshal.AsBytes(key));
        return (key[0], key[1]);
    }
}
