namespace Orchestrated.Domain.Events;

/// <summary>
/// Interns the low-cardinality values of a day (devices, pages, event types, student ids) so that a million
/// events share a few thousand strings instead of allocating a million. Bounded: past the limit it just allocates.
/// </summary>
public sealed class StringPool(int maxEntries = 200_000)
{
    private readonly Dictionary<string, string> _entries = new(StringComparer.Ordinal);

    public string Get(ReadOnlySpan<char> value)
    {
        var lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(value, out var existing)) return existing;
        var created = value.ToString();
        if (_entries.Count < maxEntries) _entries[created] = created;
        return created;
    }
}
