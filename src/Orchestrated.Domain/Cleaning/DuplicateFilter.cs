namespace Orchestrated.Domain.Cleaning;

/// <summary>
/// Events with the same <c>event_id</c> are one event; the first one offered wins, so callers offer events in
/// first-seen order (raw folder date, file name, line). An event without an id is never a duplicate.
/// Kept ids are copied into an arena: the caller's buffers may be reused after the call.
/// </summary>
public sealed class DuplicateFilter
{
    private readonly TextArena _arena = new();
    private readonly HashSet<ReadOnlyMemory<char>> _seen = new(CharMemoryComparer.Instance);

    public long Duplicates { get; private set; }

    /// <returns>true when the id is new (keep the event), with <paramref name="kept"/> its stable copy; false for a duplicate.</returns>
    public bool Offer(ReadOnlyMemory<char>? eventId, out ReadOnlyMemory<char>? kept)
    {
        kept = null;
        if (eventId is null) return true;
        // Copy first, then one hash-and-probe: almost every id is new, and a duplicate just gives its copy back.
        var copy = _arena.Add(eventId.Value.Span);
        if (!_seen.Add(copy))
        {
            _arena.RemoveLast(copy);
            Duplicates++;
            return false;
        }
        kept = copy;
        return true;
    }

    public bool Offer(string? eventId) => Offer(eventId?.AsMemory(), out _);
}

/// <summary>Content equality for character slices, so ids read as slices of one buffer can be set members.</summary>
public sealed class CharMemoryComparer : IEqualityComparer<ReadOnlyMemory<char>>, IComparer<ReadOnlyMemory<char>>
{
    public static readonly CharMemoryComparer Instance = new();

    public bool Equals(ReadOnlyMemory<char> x, ReadOnlyMemory<char> y) => x.Span.SequenceEqual(y.Span);

    public int GetHashCode(ReadOnlyMemory<char> value) => string.GetHashCode(value.Span, StringComparison.Ordinal);

    public int Compare(ReadOnlyMemory<char> x, ReadOnlyMemory<char> y) => x.Span.SequenceCompareTo(y.Span);
}
