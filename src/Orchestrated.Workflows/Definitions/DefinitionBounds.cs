namespace Orchestrated.Workflows.Definitions;

/// <summary>
/// The ranges every value of a DAG definition must fall in. Each bound keeps a value the scheduler and workers can
/// compute with (no date past year 9999, no timer past what .NET's timers take) and is far beyond any sensible use,
/// so a typo such as <c>"999999999d"</c> is refused when the definition is loaded, naming the field, instead of
/// breaking every later scheduler pass or every try of the task.
/// </summary>
public static class DefinitionBounds
{
    /// <summary>Between two tries: a day is as long as a retry can usefully wait before a person should look.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromDays(1);

    /// <summary>A try's time budget; timers of .NET take at most about 24.8 days.</summary>
    public static readonly TimeSpan MaxExecutionTimeout = TimeSpan.FromDays(7);

    /// <summary>A task's SLA after its logical date.</summary>
    public static readonly TimeSpan MaxSla = TimeSpan.FromDays(7);

    /// <summary>The data and final deadlines: late data may keep a date provisional for weeks, not for years.</summary>
    public static readonly TimeSpan MaxDeadline = TimeSpan.FromDays(62);

    /// <summary>How far from its date a change may be and still re-run a partition by itself.</summary>
    public const int MaxRerunWindowDays = 62;

    /// <summary>Start dates: catch-up from the start date must stay a plannable number of runs.</summary>
    public static readonly DateOnly EarliestStartDate = new(2000, 1, 1);
    public static readonly DateOnly LatestStartDate = new(2100, 12, 31);

    public const int MaxTasks = 200;
}
