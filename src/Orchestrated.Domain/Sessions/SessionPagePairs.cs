namespace Orchestrated.Domain.Sessions;

/// <summary>
/// The distinct (session serial, page) pairs of the sessions that visit more pages than their slot's inline list holds.
/// Serials and page ids are both small consecutive numbers: packed as <c>serial &lt;&lt; 32 | page</c>, a long's own
/// hash (high ^ low) folds them onto about as many hash codes as there are sessions, so every session's pages share one
/// bucket chain — a long walk through cold memory on each add. Each packed pair is multiplied by an odd constant
/// (a bijection on 64 bits, undone by its inverse) so the pairs spread over the buckets.
/// </summary>
internal sealed class SessionPagePairs
{
    private const ulong Spread = 0x9E3779B97F4A7C15; // 2^64 / golden ratio, odd
    private const ulong Unspread = 0xF1DE83E19937733D; // Spread * Unspread = 1 (mod 2^64)
    private readonly HashSet<ulong> _pairs = [];

    public int Count => _pairs.Count;

    /// <summary>Adds the pair; false when the session had seen the page already.</summary>
    public bool Add(int serial, int page) => _pairs.Add(Pack(serial, page) * Spread);

    /// <summary>Drops the pairs of the sessions <paramref name="dropped"/> says are gone.</summary>
    public void RemoveWhere(Func<int, bool> dropped) => _pairs.RemoveWhere(pair => dropped(Unpack(pair).Serial));

    public IEnumerable<(int Serial, int Page)> All => _pairs.Select(Unpack);

    /// <summary>The hash code the set files a pair under.</summary>
    internal static int HashOf(int serial, int page) => (Pack(serial, page) * Spread).GetHashCode();

    private static ulong Pack(int serial, int page) => ((ulong)(uint)serial << 32) | (uint)page;

    private static (int Serial, int Page) Unpack(ulong spread)
    {
        var pair = spread * Unspread;
        return ((int)(pair >> 32), (int)(uint)pair);
    }
}
