using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Text;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Tests.Sessions;

/// <summary>Days of events in memory, served in small batches like row groups.</summary>
internal sealed class InMemoryDays(IEnumerable<TestEvent> events, int batchSize = 7) : IDailyEventSource
{
    private readonly Dictionary<DateOnly, List<TestEvent>> _days = events.GroupBy(e => UtcMicros.DateOf(e.Ts))
        .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Ts).ToList());

    public List<(DateOnly Day, EventDetail Detail, int Events)> Reads { get; } = [];

    public ValueTask<bool> HasDayAsync(DateOnly day, CancellationToken cancellationToken) => ValueTask.FromResult(_days.ContainsKey(day));

    public void AddEmptyDay(DateOnly day) => _days.TryAdd(day, []);

    public IAsyncEnumerable<SessionEventBatch> ReadDayAsync(DateOnly day, EventDetail detail, CancellationToken cancellationToken) =>
        ReadAsync(day, detail, backward: false);

    public IAsyncEnumerable<SessionEventBatch> ReadDayBackwardAsync(DateOnly day, EventDetail detail,
        CancellationToken cancellationToken) =>
        ReadAsync(day, detail, backward: true);

    private async IAsyncEnumerable<SessionEventBatch> ReadAsync(DateOnly day, EventDetail detail, bool backward)
    {
        await Task.Yield();
        if (!_days.TryGetValue(day, out var events)) yield break;
        var chunks = events.Chunk(batchSize).ToList();
        if (backward) chunks.Reverse();
        foreach (var chunk in chunks)
        {
            Reads.Add((day, detail, chunk.Length));
            yield return new SessionEventBatch
            {
                Count = chunk.Length,
                Ts = chunk.Select(e => e.Ts).ToArray(),
                Student = TextColumn.From(chunk.Select(e => (string?)e.Student).ToList()),
                Device = TextColumn.From(chunk.Select(e => (string?)e.Device).ToList()),
                Browser = TextColumn.From(chunk.Select(e => e.Browser).ToList()),
                Network = TextColumn.From(chunk.Select(e => e.Network).ToList()),
                Page = detail == EventDetail.Full ? TextColumn.From(chunk.Select(e => e.Page).ToList()) : null,
                TimeSpentSec = detail == EventDetail.Full ? chunk.Select(e => e.Spent).ToArray() : null,
            };
        }
    }

    public IEnumerable<DateOnly> Days => _days.Keys.Order();
}
