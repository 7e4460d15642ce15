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
