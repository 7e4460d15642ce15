namespace Orchestrated.Domain.Cleaning;

/// <summary>
/// Events with the same <c>event_id</c> are one event; the first one offered wins, so callers offer events in
/// first-seen order (raw folder date, file name, line). An event without an id is never a duplicate.
/// </summary>
public sealed class DuplicateFilter
{
    private readonly HashSet<ReadOnlyMemory<char>> _seen;

    public DuplicateFilter(int expectedCount = 0) => _seen = new HashSet<ReadOnlyMemory<char>>(expectedCount, CharMemoryComparer.Instance);

    public long Duplicates { get; private set; }

    /// <returns>true when this is the first time the id is seen (keep the event); false for a duplicate.</returns>
    public bool Offer(ReadOnlyMemory<char>? eventId)
    {
        if (eventId is null) return true;
        if (_seen.Add(eventId.Value)) return true;
        Duplicates++;
        return false;
    }

    public bool Offer(string? eventId) => Offer(eventId?.AsMemory());
}

/// <summary>Content equality for character slices, so ids read as slices of one buffer can be set members.</summary>
public sealed class CharMemoryComparer : IEqualityComparer<ReadOnlyMemory<char>>, IComparer<ReadOnlyMemory<char>>
{
    public static readonly CharMemoryComparer Instance = new();

    public bool Equals(ReadOnlyMemory<char> x, ReadOnlyMemory<char> y) => x.Span.SequenceEqual(y.Span);

    public int GetHashCode(ReadOnlyMemory<char> value) => string.GetHashCode(value.Span, StringComparison.Ordinal);

    public int Compare(ReadOnlyMemory<char> x, ReadOnlyMemory<char> y) => x.Span.SequenceCompareTo(y.Span);
}
