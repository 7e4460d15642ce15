namespace Orchestrated.Workflows.Partitions;

/// <summary>
/// A partition mapping: a task for date D reads partitions <c>D + From … D + To</c> of <see cref="Dataset"/>. The
/// scheduler waits for runs in flight that produce them, the ledger judges provisional and final by them, the UI shows them.
/// </summary>
public sealed record PartitionWindow(string Dataset, int From, int To, WindowUse Use)
{
    public bool Covers(DateOnly taskDate, DateOnly partitionDate)
    {
        var offset = partitionDate.DayNumber - taskDate.DayNumber;
        return offset >= From && offset <= To;
    }

    public IEnumerable<DateOnly> DatesFor(DateOnly taskDate)
    {
        for (var k = From; k <= To; k++) yield return taskDate.AddDays(k);
    }

    /// <summary><c>silver_events D-31…D+1</c>.</summary>
    public string Describe() => $"{Dataset} {Offset(From)}{(From == To ? "" : "…" + Offset(To))}";

    private static string Offset(int k) => k switch { 0 => "D", > 0 => $"D+{k}", _ => $"D{k}" };
}
