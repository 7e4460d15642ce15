using Orchestrated.Domain.Text;

namespace Orchestrated.Domain.Sessions;

/// <summary>
/// A slice of one day's clean events, column by column, in (ts, event_id) order. Texts are coded columns so a
/// reader can hand over a row group's dictionary as it is, and the sessionizer interns each distinct value once.
/// Columns a pass does not need (pages and active time during look-back, browser and network unless the rules
/// split on them) may be null.
/// </summary>
public sealed class SessionEventBatch
{
    public required int Count { get; init; }
    public required long[] Ts { get; init; }
    public required TextColumn Student { get; init; }
    public required TextColumn Device { get; init; }
    public TextColumn? Browser { get; init; }
    public TextColumn? Network { get; init; }
    public TextColumn? Page { get; init; }
    public double?[]? TimeSpentSec { get; init; }
}

/// <summary>What a pass over a day needs to read.</summary>
public enum EventDetail
{
    /// <summary>Stream keys and timestamps: enough to know where sessions start and end.</summary>
    KeysOnly,
    /// <summary>Everything a session row needs, pages and active time included.</summary>
    Full,
}

/// <summary>The clean events of each day, as the sessionizing of one day needs them.</summary>
public interface IDailyEventSource
{
    ValueTask<bool> HasDayAsync(DateOnly day, CancellationToken cancellationToken);

    IAsyncEnumerable<SessionEventBatch> ReadDayAsync(DateOnly day, EventDetail detail, CancellationToken cancellationToken);

    /// <summary>The day's batches from the last to the first (the rows of each batch still in time order): for reading back from midnight.</summary>
    IAsyncEnumerable<SessionEventBatch> ReadDayBackwardAsync(DateOnly day, EventDetail detail, CancellationToken cancellationToken);
}
