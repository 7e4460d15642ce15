using System.Numerics;
using Orchestrated.Domain.Buffers;

namespace Orchestrated.Domain.Time;

/// <summary>
/// Rows in order of their timestamps, stable (rows with equal times keep their order), by least-significant-digit
/// radix sort: a day of events spans under 2^37 microseconds, so three passes over the rows replace the log n
/// passes of a comparison sort.
/// </summary>
public static class TimeOrder
{
    private const int DigitBits = 13;
    private const int Buckets = 1 << DigitBits;

    /// <summary>Row indexes 0..n-1 in ascending order of <paramref name="times"/>, equal times in index order.</summary>
    public static void Sort(ReadOnlySpan<long> times, Span<int> order)
    {
        var n = times.Length;
        if (order.Length != n) throw new ArgumentException("One index per time.", nameof(order));
        for (var i = 0; i < n; i++) order[i] = i;
        if (n < 2) return;
        var min = long.MaxValue;
        var max = long.MinValue;
        foreach (var t in times)
        {
            if (t < min) min = t;
            if (t > max) max = t;
        }
        var bits = 64 - BitOperations.LeadingZeroCount((ulong)(max - min)); // as unsigned, a difference of two longs always fits
        if (bits == 0) return;

        var keys = ArrayLoans.Rent<ulong>(n);
        var otherKeys = ArrayLoans.Rent<ulong>(n);
        var rows = ArrayLoans.Rent<int>(n);
        var otherRows = ArrayLoans.Rent<int>(n);
        var counts = new int[Buckets];
        for (var i = 0; i < n; i++) (keys[i], rows[i]) = ((ulong)(times[i] - min), i);
        for (var shift = 0; shift < bits; shift += DigitBits)
        {
            Array.Clear(counts);
            for (var i = 0; i < n; i++) counts[(int)(keys[i] >> shift) & (Buckets - 1)]++;
            var sum = 0;
            for (var b = 0; b < Buckets; b++) (counts[b], sum) = (sum, sum + counts[b]);
            for (var i = 0; i < n; i++)
            {
                var at = counts[(int)(keys[i] >> shift) & (Buckets - 1)]++;
                otherKeys[at] = keys[i];
                otherRows[at] = rows[i];
            }
            (keys, otherKeys) = (otherKeys, keys);
            (rows, otherRows) = (otherRows, rows);
        }
        rows.AsSpan(0, n).CopyTo(order);
        ArrayLoans.Return(ref rows);
        ArrayLoans.Return(ref otherRows);
        ArrayLoans.Return(ref keys);
        ArrayLoans.Return(ref otherKeys);
    }
}
