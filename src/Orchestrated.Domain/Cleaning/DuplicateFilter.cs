using System.Runtime.Intrinsics.X86;
using System.Text;
using Orchestrated.Domain.Buffers;
using Orchestrated.Domain.Text;

namespace Orchestrated.Domain.Cleaning;

/// <summary>
/// Events with the same <c>event_id</c> are one event; the first one offered wins, so callers offer events in
/// first-seen order (raw folder date, file name, line). An event without an id is never a duplicate.
/// Kept ids live in an arena as UTF-8, found through an open-addressing table of plain numbers: a day's million ids
/// cost the garbage collector nothing to walk. Its storage is borrowed from the shared pool until <see cref="Dispose"/>.
/// </summary>
public sealed class DuplicateFilter : IDisposable
{
    private readonly TextArena _arena = new();
    // Handle and hash side by side: a probe touches one cache line, and the full 64-bit hash means the kept id's
    // bytes are read only when it is almost certainly the same id.
    private Slot[] _slots = [];
    private int _capacity; // a power of two; the borrowed array may be longer
    private int _count;

    private struct Slot
    {
        public long Handle;
        public ulong Hash;
    }

    public DuplicateFilter(int expectedIds = 1024) => Resize(Capacity(expectedIds));

    public long Duplicates { get; private set; }

    /// <summary>Where kept ids live: handles from <see cref="Offer(ReadOnlySpan{byte}, out long)"/> address it.</summary>
    public TextArena Ids => _arena;

    /// <returns>true when the id is new (keep the event), with <paramref name="kept"/> its handle in <see cref="Ids"/>;
    /// false for a duplicate.</returns>
    public bool Offer(ReadOnlySpan<byte> eventId, out long kept) => Offer(eventId, Utf8Hash.Of(eventId), out kept);

    /// <summary>
    /// As <see cref="Offer(ReadOnlySpan{byte}, out long)"/>, with the id's <see cref="Utf8Hash"/> computed by the caller.
    /// </summary>
    public bool Offer(ReadOnlySpan<byte> eventId, ulong hash, out long kept)
    {
        var mask = _capacity - 1;
        var slot = (int)hash & mask;
        while (_slots[slot].Handle != TextArena.None)
        {
            if (_slots[slot].Hash == hash && _arena.Span(_slots[slot].Handle).SequenceEqual(eventId))
            {
                Duplicates++;
                kept = TextArena.None;
                return false;
            }
            slot = (slot + 1) & mask;
        }
        kept = _slots[slot].Handle = _arena.Add(eventId);
        _slots[slot].Hash = hash;
        if (++_count * 10 > _capacity * 7) Resize(_capacity * 2);
        return true;
    }

    /// <summary>
    /// As <see cref="Offer(ReadOnlySpan{byte}, out long)"/>; an event without id (null) is kept with <see cref="TextArena.None"/>.
    /// </summary>
    public bool Offer(ReadOnlyMemory<byte>? eventId, out long kept)
    {
        if (eventId is null)
        {
            kept = TextArena.None;
            return true;
        }
        return Offer(eventId.Value.Span, out kept);
    }

    /// <summary>
    /// Asks the processor to fetch the slot an id with this hash starts probing at. A day's table is tens of
    /// megabytes, so nearly every probe misses the caches; callers that know the next ids (a batch) fetch a few
    /// ahead, and the misses overlap instead of following one another.
    /// </summary>
    public unsafe void Prefetch(ulong hash)
    {
        if (!Sse.IsSupported) return;
        fixed (Slot* slots = _slots) Sse.Prefetch0(slots + ((int)hash & (_capacity - 1)));
    }

    public bool Offer(string? eventId) => eventId is null || Offer(Encoding.UTF8.GetBytes(eventId), out _);

    public ReadOnlySpan<byte> Span(long handle) => _arena.Span(handle);

    /// <summary>The text of a kept id.</summary>
    public string Text(long handle) => _arena.Text(handle);

    private static int Capacity(int expected)
    {
        var capacity = 16;
        while (capacity * 7 < expected * 10) capacity *= 2;
        return capacity;
    }

    private void Resize(int capacity)
    {
        var old = _slots;
        var oldCapacity = _capacity;
        _slots = ArrayLoans.Rent<Slot>(capacity);
        _capacity = capacity;
        _slots.AsSpan(0, capacity).Fill(new Slot { Handle = TextArena.None });
        var mask = capacity - 1;
        foreach (var entry in old.AsSpan(0, oldCapacity))
        {
            if (entry.Handle == TextArena.None) continue;
            var slot = (int)entry.Hash & mask;
            while (_slots[slot].Handle != TextArena.None) slot = (slot + 1) & mask;
            _slots[slot] = entry;
        }
        ArrayLoans.Return(ref old);
    }

    /// <summary>Every kept id, in no particular order (what a checkpoint of the filter holds).</summary>
    public IEnumerable<byte[]> KeptIds()
    {
        for (var i = 0; i < _capacity; i++)
            if (_slots[i].Handle != TextArena.None) yield return _arena.Span(_slots[i].Handle).ToArray();
    }

    public void Dispose()
    {
        ArrayLoans.Return(ref _slots);
        _capacity = 0;
        _arena.Dispose();
    }
}
