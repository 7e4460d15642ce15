using System.Globalization;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Text;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Tests.Sessions;

/// <summary>Test events written the way people read them: student, device, "2026-03-02T10:00:00Z".</summary>
internal sealed record TestEvent(string Student, string Device, long Ts, string? Page = null, double? Spent = null, string? Browser = null, string? Network = null)
{
    public static long At(string iso) => UtcMicros.FromDateTime(DateTime.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));

    public static TestEvent E(string student, string device, string iso, string? page = null, double? spent = null) => new(student, device, At(iso), page, spent);
}

internal static class Sessionize
{
    /// <summary>Runs the sessionizer over the whole history at once: the reference every other way must equal.</summary>
    public static List<SessionRow> WholeHistory(IEnumerable<TestEvent> events, SessionRules? rules = null)
    {
        rules ??= SessionRules.Default;
        var symbols = new SymbolTable();
        var closed = new List<ClosedSession>();
        var sessionizer = new Sessionizer(rules, closed.Add);
        foreach (var e in events.OrderBy(e => e.Ts)) sessionizer.Add(ToEvent(e, symbols));
        sessionizer.CloseAll();
        return closed.Select(s => SessionRow.From(s, symbols)).OrderBy(s => s, Comparer<SessionRow>.Create(SessionRow.OutputOrder)).ToList();
    }

    public static SessionEvent ToEvent(TestEvent e, SymbolTable symbols) => new(
        symbols.Intern(e.Student), symbols.Intern(e.Device), symbols.Intern(e.Browser), symbols.Intern(e.Network), e.Ts, symbols.Intern(e.Page), e.Spent);
}

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

    public IAsyncEnumerable<SessionEventBatch> ReadDayBackwardAsync(DateOnly day, EventDetail detail, CancellationToken cancellationToken) =>
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
