namespace Orchestrated.Domain.Sessions;

/// <summary>The clean events of each day, as the sessionizing of one day needs them.</summary>
public interface IDailyEventSource
{
    ValueTask<bool> HasDayAsync(DateOnly day, CancellationToken cancellationToken);

    IAsyncEnumerable<SessionEventBatch> ReadDayAsync(DateOnly day, EventDetail detail, CancellationToken cancellationToken);

    /// <summary>
    /// The day's batches from the last to the first (the rows of each batch still in time order): for reading back from midnight.
    /// </summary>
    IAsyncEnumerable<SessionEventBatch> ReadDayBackwardAsync(DateOnly day, EventDetail detail, CancellationToken cancellationToken);
}
