using System.Buffers;
using System.Runtime.CompilerServices;

namespace Orchestrated.Domain.Buffers;

/// <summary>
/// Large working arrays (a day's columns, a page, a hash table) borrowed from the shared pool and given back when the
/// work is done. Allocated anew for every date, they made the garbage collector run a full collection every few
/// megabytes: large arrays count against the budget of the oldest generation. A borrowed array may be longer than
/// asked for and holds old data: callers keep their own count and write before they read.
/// </summary>
public static class ArrayLoans
{
    public static T[] Rent<T>(int minimumLength) => minimumLength == 0 ? [] : ArrayPool<T>.Shared.Rent(minimumLength);

    /// <summary>Gives the array back (if it is not the empty one) and leaves an empty array in its place.</summary>
    public static void Return<T>(ref T[] array)
    {
        if (array.Length > 0) ArrayPool<T>.Shared.Return(array, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        array = [];
    }

    /// <summary>
    /// Replaces the array by a borrowed one of at least <paramref name="minimumLength"/>, keeping its first <paramref name="keep"/> items.
    /// </summary>
    public static void Grow<T>(ref T[] array, int minimumLength, int keep)
    {
        var bigger = Rent<T>(minimumLength);
        array.AsSpan(0, keep).CopyTo(bigger);
        Return(ref array);
        array = bigger;
    }
}
