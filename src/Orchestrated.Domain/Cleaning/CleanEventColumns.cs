using Orchestrated.Domain.Buffers;
using Orchestrated.Domain.Text;

namespace Orchestrated.Domain.Cleaning;

/// <summary>
/// A day of clean events, column by column, in the order they were first seen. Texts are ids into
/// <see cref="Texts"/> (<see cref="SymbolTable.None"/> for null) and event ids are handles into <see cref="EventIds"/>
/// (<see cref="TextArena.None"/> for none): a day is a few arrays of numbers, not millions of objects. The arrays are
/// borrowed from the shared pool until <see cref="Dispose"/>.
/// </summary>
public sealed class CleanEventColumns(int capacity, DuplicateFilter eventIds) : IDisposable
{
    public SymbolTable Texts { get; } = new();
    public DuplicateFilter EventIds { get; } = eventIds;
    public int Count { get; private set; }
    private int _capacity = capacity;
    public long[] EventId = ArrayLoans.Rent<long>(capacity);
    public int[] StudentHash = ArrayLoans.Rent<int>(capacity);
    public long[] Ts = ArrayLoans.Rent<long>(capacity);
    public int[] EventType = ArrayLoans.Rent<int>(capacity);
    public int[] Device = ArrayLoans.Rent<int>(capacity);
    public int[] Browser = ArrayLoans.Rent<int>(capacity);
    public int[] Network = ArrayLoans.Rent<int>(capacity);
    public int[] Page = ArrayLoans.Rent<int>(capacity);
    public int[] CourseId = ArrayLoans.Rent<int>(capacity);
    public int[] ChapterId = ArrayLoans.Rent<int>(capacity);
    public double?[] TimeSpentSec = ArrayLoans.Rent<double?>(capacity);
    public DateOnly[] ArrivalDate = ArrayLoans.Rent<DateOnly>(capacity);
    public int[] SourceFile = ArrayLoans.Rent<int>(capacity);
    public long[] SourceLine = ArrayLoans.Rent<long>(capacity);

    /// <summary>Reserves the next row and returns its index; grows the columns when full.</summary>
    public int Append()
    {
        if (Count == _capacity) Grow(Math.Max(1024, _capacity * 2));
        return Count++;
    }

    /// <summary>
    /// Makes room for <paramref name="rows"/> more rows now, so the columns stay the same arrays while they are appended.
    /// </summary>
    public void Reserve(int rows)
    {
        if (Count + rows > _capacity) Grow(Math.Max(Count + rows, _capacity * 2));
    }

    private void Grow(int size)
    {
        var n = Count;
        ArrayLoans.Grow(ref EventId, size, n); ArrayLoans.Grow(ref StudentHash, size, n); ArrayLoans.Grow(ref Ts, size, n);
        ArrayLoans.Grow(ref EventType, size, n); ArrayLoans.Grow(ref Device, size, n); ArrayLoans.Grow(ref Browser, size, n);
        ArrayLoans.Grow(ref Network, size, n); ArrayLoans.Grow(ref Page, size, n); ArrayLoans.Grow(ref CourseId, size, n);
        ArrayLoans.Grow(ref ChapterId, size, n); ArrayLoans.Grow(ref TimeSpentSec, size, n); ArrayLoans.Grow(ref ArrivalDate, size, n);
        ArrayLoans.Grow(ref SourceFile, size, n); ArrayLoans.Grow(ref SourceLine, size, n);
        _capacity = size;
    }

    public void Dispose()
    {
        ArrayLoans.Return(ref EventId); ArrayLoans.Return(ref StudentHash); ArrayLoans.Return(ref Ts);
        ArrayLoans.Return(ref EventType); ArrayLoans.Return(ref Device); ArrayLoans.Return(ref Browser);
        ArrayLoans.Return(ref Network); ArrayLoans.Return(ref Page); ArrayLoans.Return(ref CourseId);
        ArrayLoans.Return(ref ChapterId); ArrayLoans.Return(ref TimeSpentSec); ArrayLoans.Return(ref ArrivalDate);
        ArrayLoans.Return(ref SourceFile); ArrayLoans.Return(ref SourceLine);
        _capacity = Count = 0;
    }
}
