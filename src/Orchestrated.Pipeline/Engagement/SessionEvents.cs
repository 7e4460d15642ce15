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
public static class SessionEvents
{
    public static async Task<IReadOnlyList<SessionProfile>> ProfilesAsync(IObjectStore store, DateOnly date, SessionRules rules,
        List<StoredObject> inputs, CancellationToken ct) =>
        (await TimelinesAsync(store, date, rules, inputs, ct)).Select(t => t.Profile()).ToList();

    public static async Task<IReadOnlyList<SessionTimeline>> TimelinesAsync(IObjectStore store, DateOnly date, SessionRules rules,
        List<StoredObject> inputs, CancellationToken ct)
    {
        var sessionsKey = Dataset.Sessions.PartKey(date);
        var stat = await store.StatAsync(sessionsKey, ct)
            ?? throw new MissingInputException(
                $"No sessions for {date:yyyy-MM-dd} at {store.Describe(sessionsKey)}: run sessionize first.");
        inputs.Add(stat);
        IReadOnlyList<SessionRow> sessions;
        await using (var stream = await store.OpenReadAsync(sessionsKey, ct))
            sessions = SessionsTable.Read(stream, store.Describe(sessionsKey));
        var events = new List<SilverEventRow>();
        foreach (var day in new[] { date, date.AddDays(1) })
        {
            var key = Dataset.SilverEvents.PartKey(day);
            if (await store.StatAsync(key, ct) is not { } found) continue;
            inputs.Add(found);
            await using var stream = await store.OpenReadAsync(key, ct);
            events.AddRange(SilverEventsFileReader.ReadAll(stream, store.Describe(key)));
        }
        var byStudent = events.GroupBy(e => e.StudentHash, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Ts).ToList(), StringComparer.Ordinal);
        return sessions.Select(s => TimelineOf(s, byStudent.GetValueOrDefault(s.StudentHash) ?? [], rules)).ToList();
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
