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
    private long[] _handles = [];
    private int[] _hashes = [];
    private int _count;

    public DuplicateFilter(int expectedIds = 1024) => Resize(Capacity(expectedIds));

    public long Duplicates { get; private set; }

    /// <returns>true when the id is new (keep the event), with <paramref name="kept"/> its handle in <see cref="Text"/>
    /// (<see cref="TextArena.None"/> for an event without id); false for a duplicate.</returns>
    public bool Offer(ReadOnlyMemory<char>? eventId, out long kept)
    {
        kept = TextArena.None;
        if (eventId is null) return true;
        var id = eventId.Value.Span;
        var hash = string.GetHashCode(id, StringComparison.Ordinal);
        var mask = _handles.Length - 1;
        var slot = hash & mask;
        while (_handles[slot] != TextArena.None)
        {
            if (_hashes[slot] == hash && _arena.Span(_handles[slot]).SequenceEqual(id))
            {
                Duplicates++;
                return false;
            }
            slot = (slot + 1) & mask;
        }
        kept = _handles[slot] = _arena.Add(id);
        _hashes[slot] = hash;
        if (++_count * 10 > _handles.Length * 7) Resize(_handles.Length * 2);
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
        var (oldHandles, oldHashes) = (_handles, _hashes);
        _handles = new long[capacity];
        _hashes = new int[capacity];
        Array.Fill(_handles, TextArena.None);
        var mask = capacity - 1;
        for (var i = 0; i < oldHandles.Length; i++)
        {
            if (oldHandles[i] == TextArena.None) continue;
            var slot = oldHashes[i] & mask;
            while (_handles[slot] != TextArena.None) slot = (slot + 1) & mask;
            _handles[slot] = oldHandles[i];
            _hashes[slot] = oldHashes[i];
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
