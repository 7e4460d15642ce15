using Orchestrated.Domain.Sessions;

namespace Orchestrated.Domain.Live;

/// <summary>
/// Holds events that arrived out of order until the watermark says no earlier one can still come, then gives them
/// out in the order of <c>silver/events</c> (<see cref="Cleaning.CleanEventOrder"/>: by time; among equal times those
/// without an id first, then by id, then first seen) — so the sessionizer sees each stream exactly as batch does.
/// </summary>
public sealed class ReorderBuffer
{
    private readonly PriorityQueue<Pending, Pending> _pending = new(Comparer<Pending>.Create(Compare));
    private long _sequence;

    public int Count => _pending.Count;

    public void Add(in SessionEvent e, ReadOnlyMemory<byte>? eventId)
    {
        var pending = new Pending(e, eventId?.ToArray(), _sequence++);
        _pending.Enqueue(pending, pending);
    }

    /// <summary>Every held event at or before <paramref name="watermark"/>, in order.</summary>
    public IEnumerable<SessionEvent> ReleaseUpTo(long watermark)
    {
        while (_pending.TryPeek(out var next, out _) && next.Event.Ts <= watermark) yield return _pending.Dequeue().Event;
    }

    /// <summary>The held events in the order they came (a checkpoint's; added again in this order, they sort the same).</summary>
    public IEnumerable<(SessionEvent Event, byte[]? EventId)> InArrivalOrder() =>
        _pending.UnorderedItems.Select(i => i.Element).OrderBy(p => p.Sequence).Select(p => (p.Event, p.EventId));

    private sealed record Pending(SessionEvent Event, byte[]? EventId, long Sequence);

    private static int Compare(Pending? x, Pending? y)
    {
        var c = x!.Event.Ts.CompareTo(y!.Event.Ts);
        if (c != 0) return c;
        if (x.EventId is null || y.EventId is null)
            return x.EventId is null && y.EventId is null ? x.Sequence.CompareTo(y.Sequence) : x.EventId is null ? -1 : 1;
        c = x.EventId.AsSpan().SequenceCompareTo(y.EventId);
        return c != 0 ? c : x.Sequence.CompareTo(y.Sequence);
    }
}
