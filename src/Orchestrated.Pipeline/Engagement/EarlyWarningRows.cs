using Orchestrated.Domain.Engagement;
using Orchestrated.Domain.Engagement.EarlyWarning;
using Orchestrated.Domain.Sessions;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Pipeline.Engagement;

/// <summary>
/// The early warning's rows: every session of a span of dates still running after its opening minutes, described by
/// its opening and by its student's features as of the day before (computed from the sessions, as the features step
/// computes them), with whether it ended low.
/// </summary>
public static class EarlyWarningRows
{
    public static async Task<IReadOnlyList<(DateOnly Date, string SessionId, float[] Features, bool Low)>> BuildAsync(IObjectStore store,
        IReadOnlyList<SessionRow> history, DateOnly from, DateOnly to, SessionRules rules, LowEngagement low, List<StoredObject> inputs,
        CancellationToken ct)
    {
        var rows = new List<(DateOnly, string, float[], bool)>();
        var events = new SessionEvents(store, rules, inputs);
        var byDate = history.GroupBy(s => s.Date).ToDictionary(g => g.Key, g => (IReadOnlyList<SessionRow>)g.ToList());
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            if (!byDate.TryGetValue(date, out var sessions)) continue;
            var timelines = await events.TimelinesAsync(date, ct, sessions);
            var before = HistoryAsOf(history, date.AddDays(-1), rules);
            foreach (var t in timelines.Where(SessionOpening.StillRunning))
                rows.Add((date, t.Session.SessionId, SessionOpening.Features(t, before.GetValueOrDefault(t.Session.StudentHash)),
                    low.Of(t.Session)));
        }
        return rows;
    }

    /// <summary>Each student's features as of the end of <paramref name="asOf"/>, by student.</summary>
    public static Dictionary<string, StudentFeatures> HistoryAsOf(IReadOnlyList<SessionRow> sessions, DateOnly asOf, SessionRules rules) =>
        StudentFeatureBuilder.Build(asOf, sessions.Where(s => s.Date >= FeatureWindow.FirstDate(asOf) && s.Date <= asOf), rules)
            .ToDictionary(f => f.StudentHash, StringComparer.Ordinal);
}
