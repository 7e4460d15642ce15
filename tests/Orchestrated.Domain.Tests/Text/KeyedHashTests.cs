using System.Buffers.Binary;
using System.Numerics;
using Orchestrated.Domain.Cleaning;
using Orchestrated.Domain.Text;

namespace Orchestrated.Domain.Tests.Text;

/// <summary>
/// Event ids and symbols come from files anyone can write. The unkeyed multiply-rotate hash used before has
/// collisions that hold for every seed: flip the top bit of one 8-byte block and bit 28 of the next, and the state
/// is the same again. 2^k such ids collide completely, and every insert into a table probes past all the earlier
/// ones. The keyed hash (SipHash-1-3 under a random key) spreads the same ids like any others.
/// </summary>
[Trait("Probe", "hostile")]
public sealed class KeyedHashTests
{
    [Fact]
    public void SipHash_2_4_matches_the_papers_test_vectors()
    {
        const ulong k0 = 0x0706050403020100, k1 = 0x0f0e0d0c0b0a0908;
        Assert.Equal(0x726fdb47dd0e0e31UL, SipHash.Hash24([], k0, k1));
        Assert.Equal(0xa129ca6149be45e5UL, SipHash.Hash24(Enumerable.Range(0, 15).Select(i => (byte)i).ToArray(), k0, k1));
    }

    [Fact]
    public void Ids_crafted_to_collide_under_the_unkeyed_hash_spread_under_the_keyed_one()
    {
        const int bits = 12;
        var ids = Crafted(bits);
        Assert.Single(ids.Select(UnkeyedMultiplyRotate).Distinct()); // the attack is real: 4096 ids, one hash
        var hashes = ids.Select(id => Utf8Hash.Of(id)).ToList();
        Assert.Equal(ids.Count, hashes.Distinct().Count());
        var busiestSlot = hashes.GroupBy(h => h & ((1UL << bits) - 1)).Max(g => g.Count());
        Assert.True(busiestSlot <= 16, $"{busiestSlot} of {ids.Count} crafted ids share one slot of {1 << bits}");
    }

    [Fact]
    public void The_duplicate_filter_still_tells_crafted_ids_apart()
    {
        var ids = Crafted(10);
        using var filter = new DuplicateFilter();
        Assert.All(ids, id => Assert.True(filter.Offer(id, out _)));
        Assert.All(ids, id => Assert.False(filter.Offer(id, out _)));
        Assert.Equal(ids.Count, filter.Duplicates);
    }

    /// <summary>2^bits ids of 16·bits bytes: each pair of blocks is (X, Y) or (X ^ 2^63, Y ^ 2^28).</summary>
    private static List<byte[]> Crafted(int bits)
    {
        var ids = new List<byte[]>();
        for (var choice = 0; choice < 1 << bits; choice++)
        {
            var id = new byte[16 * bits];
            for (var segment = 0; segment < bits; segment++)
            {
                ulong x = 0x3031323334353637UL + (ulong)segment, y = 0x6162636465666768UL;
                if ((choice >> segment & 1) == 1) (x, y) = (x ^ (1UL << 63), y ^ (1UL << 28));
                BinaryPrimitives.WriteUInt64LittleEndian(id.AsSpan(16 * segment), x);
                BinaryPrimitives.WriteUInt64LittleEndian(id.AsSpan(16 * segment + 8), y);
            }
            ids.Add(id);
        }
        return ids;
    }

    /// <summary>The hash the tables used before (blocks of 8 bytes; every crafted id is a whole number of blocks).</summary>
    private static ulong UnkeyedMultiplyRotate(byte[] bytes)
    {
        const ulong multiplier = 0x9E3779B97F4A7C15;
        var h = (ulong)bytes.Length * multiplier;
        for (var i = 0; i < bytes.Length; i += 8)
            h = BitOperations.RotateLeft((h ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes.AsSpan(i))) * multiplier, 29);
        return h;
    }
}
