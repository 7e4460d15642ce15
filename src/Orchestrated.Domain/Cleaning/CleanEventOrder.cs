using Orchestrated.Domain.Buffers;
using Orchestrated.Domain.Text;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Cleaning;

/// <summary>
/// The order of <c>silver/events</c>: by time; among equal times, events without an id first (in first-seen order),
/// then by event id (ordinal UTF-8 bytes), then first seen. Total, so a day's file is the same bytes on every run.
/// </summary>
public static class CleanEventOrder
{
    /// <summary>
    /// Row indexes of <paramref name="rows"/> in this order. The array is borrowed (and may be longer than the rows):
    /// give it back with <see cref="ArrayLoans.Return{T}"/>.
    /// </summary>
    public static int[] Of(CleanEventColumns rows)
    {
        var n = rows.Count;
        var order = ArrayLoans.Rent<int>(n);
        TimeOrder.Sort(rows.Ts.AsSpan(0, n), order.AsSpan(0, n));
        var ts = rows.Ts;
        var ids = rows.EventId;
        var kept = rows.EventIds;
        Comparison<int> tie = (x, y) =>
        {
            var (a, b) = (ids[x], ids[y]);
            if (a == TextArena.None || b == TextArena.None)
                return a == TextArena.None && b == TextArena.None ? x.CompareTo(y) : a == TextArena.None ? -1 : 1;
            var c = kept.Span(a).SequenceCompareTo(kept.Span(b));
            return c != 0 ? c : x.CompareTo(y);
        };
        for (var start = 0; start < n;)
        {
            var end = start + 1;
            while (end < n && ts[order[end]] == ts[order[start]]) end++;
            if (end - start > 1) order.AsSpan(start, end - start).Sort(tie);
            start = end;
        }
        return order;
    }
}
