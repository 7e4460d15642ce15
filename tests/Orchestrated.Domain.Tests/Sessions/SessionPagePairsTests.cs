using Orchestrated.Domain.Sessions;

namespace Orchestrated.Domain.Tests.Sessions;

public class SessionPagePairsTests
{
    [Fact]
    public void A_pair_is_added_once_and_read_back_as_it_was_given()
    {
        var pairs = new SessionPagePairs();
        Assert.True(pairs.Add(7, 3));
        Assert.False(pairs.Add(7, 3));
        Assert.True(pairs.Add(3, 7));
        Assert.True(pairs.Add(int.MaxValue, int.MaxValue));
        Assert.True(pairs.Add(0, 0));
        Assert.Equal([(0, 0), (3, 7), (7, 3), (int.MaxValue, int.MaxValue)], pairs.All.Order());
    }

    [Fact]
    public void Dropping_sessions_keeps_the_pairs_of_the_others()
    {
        var pairs = new SessionPagePairs();
        for (var serial = 0; serial < 100; serial++)
            for (var page = 0; page < 20; page++) pairs.Add(serial, page);
        pairs.RemoveWhere(serial => serial % 2 == 1);
        Assert.Equal(50 * 20, pairs.Count);
        Assert.All(pairs.All, pair => Assert.Equal(0, pair.Serial % 2));
        Assert.False(pairs.Add(42, 19));
        Assert.True(pairs.Add(43, 19));
    }

    /// <summary>
    /// Consecutive serials and small page ids, as the sessionizer makes them: packed without spreading they fold onto
    /// about one hash code per session (the slow case this type exists for).
    /// </summary>
    [Fact]
    public void Consecutive_sessions_and_pages_spread_over_distinct_hash_codes()
    {
        var codes = new HashSet<int>();
        var packed = new HashSet<int>();
        for (var serial = 1_000; serial < 11_000; serial++)
            for (var page = 0; page < 20; page++)
            {
                codes.Add(SessionPagePairs.HashOf(serial, page));
                packed.Add((((long)serial << 32) | (uint)page).GetHashCode());
            }
        Assert.True(packed.Count < 20_000, $"the unspread packing gave {packed.Count} codes"); // the trap is real
        Assert.True(codes.Count > 199_000, $"{codes.Count} distinct codes for 200,000 pairs");
    }
}
