namespace Orchestrated.Domain.Cleaning;

/// <summary>
/// Events with the same <c>event_id</c> are one event; the first one offered wins, so callers offer events in
/// first-seen order (raw folder date, file name, line). An event without an id is never a duplicate.
/// Kept ids live in an arena, found through an open-addressing table of plain numbers: a day's million ids
/// cost the garbage collector nothing to walk.
/// </summary>
public sealed class DuplicateFilter
{
    private readonly TextArena _arena = new();
    // Handle and hash side by side: a probe touches one cache line, not two.
    private Slot[] _slots = [];
    private int _count;

    private struct Slot
    {
        public long Handle;
        public int Hash;
    }

    public DuplicateFilter(int expectedIds = 1024) => Resize(Capacity(expectedIds));

    public long Duplicates { get; private set; }

    /// <summary>Where kept ids live: handles from <see cref="Offer(ReadOnlyMemory{char}?, out long)"/> address it.</summary>
    public TextArena Ids => _arena;

    /// <returns>true when the id is new (keep the event), with <paramref name="kept"/> its handle in <see cref="Text"/>
    /// (<see cref="TextArena.None"/> for an event without id); false for a duplicate.</returns>
    public bool Offer(ReadOnlyMemory<char>? eventId, out long kept)
    {
        kept = TextArena.None;
        if (eventId is null) return true;
        var id = eventId.Value.Span;
        var hash = string.GetHashCode(id, StringComparison.Ordinal);
        var mask = _slots.Length - 1;
        var slot = hash & mask;
        while (_slots[slot].Handle != TextArena.None)
        {
            if (_slots[slot].Hash == hash && _arena.Span(_slots[slot].Handle).SequenceEqual(id))
            {
                Duplicates++;
                return false;
            }
            slot = (slot + 1) & mask;
        }
        kept = _slots[slot].Handle = _arena.Add(id);
        _slots[slot].Hash = hash;
        if (++_count * 10 > _slots.Length * 7) Resize(_slots.Length * 2);
        return true;
    }

    public bool Offer(string? eventId) => Offer(eventId?.AsMemory(), out _);

    /// <summary>The text of a kept id.</summary>
    public ReadOnlyMemory<char> Text(long handle) => _arena.Memory(handle);

    public ReadOnlySpan<char> Span(long handle) => _arena.Span(handle);

    private static int Capacity(int expected)
    {
        var capacity = 16;
        while (capacity * 7 < expected * 10) capacity *= 2;
        return capacity;
    }

    private void Resize(int capacity)
    {
        var old = _slots;
        _slots = new Slot[capacity];
        _slots.AsSpan().Fill(new Slot { Handle = TextArena.None });
        var mask = capacity - 1;
        foreach (var entry in old)
        {
            if (entry.Handle == TextArena.None) continue;
            var slot = entry.Hash & mask;
            while (_slots[slot].Handle != TextArena.None) slot = (slot + 1) & mask;
            _slots[slot] = entry;
        }
    }
}

/// <summary>Content equality for character slices, so ids read as slices of one buffer can be set members.</summary>
public sealed class CharMemoryComparer : IEqualityComparer<ReadOnlyMemory<char>>
{
    public static readonly CharMemoryComparer Instance = new();

    public bool Equals(ReadOnlyMemory<char> x, ReadOnlyMemory<char> y) => x.Span.SequenceEqual(y.Span);

    public int GetHashCode(ReadOnlyMemory<char> value) => string.GetHashCode(value.Span, StringComparison.Ordinal);
}
