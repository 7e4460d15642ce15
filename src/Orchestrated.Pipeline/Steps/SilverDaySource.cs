using Orchestrated.Domain.Sessions;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Pipeline.Steps;

/// <summary>Clean events of each day from <c>silver/events</c>, for the day sessionizer; remembers what it read.</summary>
public sealed class SilverDaySource(IObjectStore store, SessionRules rules) : IDailyEventSource
{
    private readonly Dictionary<DateOnly, StoredObject?> _seen = [];

    /// <summary>The silver partitions read, with their versions: the inputs of the sessions written.</summary>
    public IReadOnlyList<StoredObject> Read => _seen.Values.OfType<StoredObject>().OrderBy(o => o.Key, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Every partition looked at, the missing ones as <see cref="StoredObject.Absent"/>: sessions computed without the
    /// next day are stale once it arrives, and only a recorded absence lets the partition ledger see that.
    /// </summary>
    public IReadOnlyList<StoredObject> Probed => _seen
        .Select(p => p.Value ?? StoredObject.Absent(Dataset.SilverEvents.PartKey(p.Key)))
        .OrderBy(o => o.Key, StringComparer.Ordinal).ToList();

    public async ValueTask<bool> HasDayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        if (!_seen.TryGetValue(day, out var found))
            _seen[day] = found = await store.StatAsync(Dataset.SilverEvents.PartKey(day), cancellationToken);
        return found is not null;
    }

    public IAsyncEnumerable<SessionEventBatch> ReadDayAsync(DateOnly day, EventDetail detail, CancellationToken cancellationToken) =>
        ReadAsync(day, detail, backward: false, cancellationToken);

    public IAsyncEnumerable<SessionEventBatch> ReadDayBackwardAsync(DateOnly day, EventDetail detail,
        CancellationToken cancellationToken) =>
        ReadAsync(day, detail, backward: true, cancellationToken);

    private async IAsyncEnumerable<SessionEventBatch> ReadAsync(DateOnly day, EventDetail detail, bool backward,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!await HasDayAsync(day, cancellationToken)) yield break;
        var key = Dataset.SilverEvents.PartKey(day);
        await using var stream = await store.OpenReadAsync(key, cancellationToken);
        foreach (var batch in SilverEventsFileReader.ReadForSessions(stream, detail, rules, store.Describe(key), backward))
            yield return batch;
    }
}
