namespace Orchestrated.Workflows.Partitions;

/// <summary>How a task uses the partitions of a window.</summary>
public enum WindowUse
{
    /// <summary>
    /// Any partition of the window may hold what the task needs, and only once it exists can that be known: the task's
    /// output is provisional until every one of them has arrived (clean reads the arrivals that may hold its date).
    /// </summary>
    Every,

    /// <summary>
    /// The task reads, within the window, only what the data makes it need, and names each partition it looked for in
    /// its report, present or absent (sessionize follows a session into the next day only while one is open).
    /// </summary>
    AsReported,
}

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

/// <summary>What a task of a DAG writes and reads, by date: one place the scheduler, the ledger and the UI all read.</summary>
public sealed record TaskPartitions(IReadOnlyList<string> Writes, IReadOnlyList<PartitionWindow> Reads)
{
    public static TaskPartitions None { get; } = new([], []);
}
