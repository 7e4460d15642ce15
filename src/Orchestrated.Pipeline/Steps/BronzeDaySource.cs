using System.Runtime.CompilerServices;
using Orchestrated.Domain.Cleaning;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Pipeline.Steps;

/// <summary>
/// The bronze row groups of one event date, for cleaning: the date's own arrival and every arrival whose event-date
/// marker names it, in arrival order (each file's row groups in file order). Remembers what it read.
/// </summary>
/// <param name="own">The event date's own bronze partition, already looked up by the caller (not stat'ed twice).</param>
public sealed class BronzeDaySource(IObjectStore store, IReadOnlyList<DateOnly> arrivals, StoredObject own, IProgress<double>? progress)
    : IBronzeDaySource
{
    private readonly List<StoredObject> _read = [];

    /// <summary>The arrival dates an event date's rows may come from: its own, and those its markers name.</summary>
    public static async Task<IReadOnlyList<DateOnly>> ArrivalsOfAsync(IObjectStore store, DateOnly eventDate, CancellationToken ct)
    {
        var markers = await store.ListAsync(BronzeIndex.DatePrefix(eventDate), ct);
        return markers.Select(m => BronzeIndex.ArrivalOf(m.Key)).OfType<DateOnly>().Append(eventDate).Distinct().Order().ToList();
    }

    /// <summary>The bronze partitions read, with their versions: the inputs of the clean events written.</summary>
    public IReadOnlyList<StoredObject> Read => _read;

    public async IAsyncEnumerable<ArrivalBatch> ReadFirstSeenAsync(DateOnly eventDate, [EnumeratorCancellation] CancellationToken ct)
    {
        for (var k = 0; k < arrivals.Count; k++)
        {
            var key = Dataset.Bronze.PartKey(arrivals[k]);
            var bronze = arrivals[k] == eventDate ? own : await store.StatAsync(key, ct);
            if (bronze is null) continue; // a marker left by an arrival whose bronze was since removed
            _read.Add(bronze);
            await using var stream = await store.OpenReadAsync(key, ct);
            foreach (var batch in BronzeFileReader.ReadEventDate(stream, eventDate, store.Describe(key)))
                yield return new ArrivalBatch(arrivals[k], batch);
            progress?.Report(0.8 * (k + 1) / arrivals.Count);
        }
    }
}
