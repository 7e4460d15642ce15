using Orchestrated.Domain.Engagement.Anomalies;
using Orchestrated.Domain.Sessions;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Storage.Parquet;

namespace Orchestrated.Pipeline.Engagement;

/// <summary>
/// The sessions of a date with their events' times: the events of the date (and of the next, for sessions that cross
/// midnight) of the session's stream — the same student, and device, browser and network as far as the rules split on
/// them — within its start and end. A session's id is that stream's and start's, so the match is checked by the id.
/// </summary>
public sealed class SessionEvents(IObjectStore store, SessionRules rules, List<StoredObject> inputs)
{
    // Dates are read in order, and each date's sessions need the next date's events: every silver partition read is
    // kept until the dates pass it, so a run of dates reads each once.
    private readonly Dictionary<DateOnly, IReadOnlyList<SilverEventRow>> _events = [];

    public async Task<IReadOnlyList<SessionProfile>> ProfilesAsync(DateOnly date, CancellationToken ct) =>
        (await TimelinesAsync(date, ct)).Select(t => t.Profile()).ToList();

    /// <param name="sessions">The date's sessions, when the caller has read them already.</param>
    public async Task<IReadOnlyList<SessionTimeline>> TimelinesAsync(DateOnly date, CancellationToken ct,
        IReadOnlyList<SessionRow>? sessions = null)
    {
        sessions ??= await SessionsAsync(date, ct);
        foreach (var old in _events.Keys.Where(d => d < date).ToList()) _events.Remove(old);
        var events = new List<SilverEventRow>();
        foreach (var day in new[] { date, date.AddDays(1) }) events.AddRange(await EventsAsync(day, ct));
        var byStudent = events.GroupBy(e => e.StudentHash, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Ts).ToList(), StringComparer.Ordinal);
        return sessions.Select(s => TimelineOf(s, byStudent.GetValueOrDefault(s.StudentHash) ?? [], rules)).ToList();
    }

    private async Task<IReadOnlyList<SessionRow>> SessionsAsync(DateOnly date, CancellationToken ct)
    {
        var key = Dataset.Sessions.PartKey(date);
        var stat = await store.StatAsync(key, ct)
            ?? throw new MissingInputException($"No sessions for {date:yyyy-MM-dd} at {store.Describe(key)}: run sessionize first.");
        inputs.Add(stat);
        await using var stream = await store.OpenReadAsync(key, ct);
        return SessionsTable.Read(stream, store.Describe(key));
    }

    private async Task<IReadOnlyList<SilverEventRow>> EventsAsync(DateOnly day, CancellationToken ct)
    {
        if (_events.TryGetValue(day, out var known)) return known;
        var key = Dataset.SilverEvents.PartKey(day);
        if (await store.StatAsync(key, ct) is not { } found) return _events[day] = [];
        inputs.Add(found);
        await using var stream = await store.OpenReadAsync(key, ct);
        return _events[day] = SilverEventsFileReader.ReadAll(stream, store.Describe(key));
    }

    private static SessionTimeline TimelineOf(SessionRow session, List<SilverEventRow> studentEvents, SessionRules rules)
    {
        var events = new List<SilverEventRow>();
        foreach (var e in studentEvents)
        {
            if (e.Ts < session.SessionStart) continue;
            if (e.Ts > session.SessionEnd) break;
            var id = SessionId.For(e.StudentHash, rules.SplitOnDevice ? e.Device : null, rules.SplitOnBrowser ? e.Browser : null,
                rules.SplitOnNetwork ? e.Network : null, session.SessionStart).ToString();
            if (id == session.SessionId) events.Add(e);
        }
        return new SessionTimeline(session, events.Select(e => e.Ts).ToList(), events.Select(e => e.EventType).ToList(),
            events.Select(e => e.Page).ToList());
    }
}
