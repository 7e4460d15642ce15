using Orchestrated.Domain.Sessions;

namespace Orchestrated.Domain.Live;

/// <summary>
/// Compares a closed day's live sessions with the batch's, session id by session id (ids are derived from the student,
/// the stream key and the start, so the same session has the same id on both sides). Expected: no difference but
/// those of students with late events. Anything else — a session written twice, one the stream never saw (a file put
/// straight into the raw zone), a value that differs — is what the reconciliation is there to show.
/// </summary>
public static class LiveReconciler
{
    public static Reconciliation Compare(IReadOnlyList<SessionRow> batch, IReadOnlyList<SessionRow> live, IReadOnlySet<string> lateStudents)
    {
        var differences = new List<SessionDifference>();
        var liveById = new Dictionary<string, SessionRow>(StringComparer.Ordinal);
        foreach (var row in live)
            if (!liveById.TryAdd(row.SessionId, row))
                differences.Add(Difference(row, "duplicate_live", lateStudents: null, "written more than once by the stream"));
        long matched = 0;
        foreach (var row in batch)
        {
            if (!liveById.Remove(row.SessionId, out var other))
                differences.Add(Difference(row, "only_batch", lateStudents, "not in the live sessions"));
            else if (other == row) matched++;
            else differences.Add(Difference(row, "different", lateStudents, string.Join(", ", FieldsThatDiffer(row, other))));
        }
        foreach (var row in liveById.Values) differences.Add(Difference(row, "only_live", lateStudents, "not in the batch sessions"));
        differences.Sort((a, b) => string.CompareOrdinal(a.SessionId, b.SessionId));
        return new Reconciliation(batch.Count, live.Count, matched, differences);
    }

    private static SessionDifference Difference(SessionRow row, string kind, IReadOnlySet<string>? lateStudents, string detail) =>
        new(row.SessionId, row.StudentHash, kind, lateStudents?.Contains(row.StudentHash) == true, detail);

    private static IEnumerable<string> FieldsThatDiffer(SessionRow batch, SessionRow live)
    {
        if (batch.SessionStart != live.SessionStart) yield return "session_start";
        if (batch.SessionEnd != live.SessionEnd) yield return "session_end";
        if (batch.EventCount != live.EventCount) yield return $"event_count {batch.EventCount} (batch) vs {live.EventCount} (live)";
        if (batch.PagesVisited != live.PagesVisited) yield return "pages_visited";
        if (batch.ActiveTimeSec != live.ActiveTimeSec) yield return "active_time_sec";
        if (batch.AvgEventGapSec != live.AvgEventGapSec) yield return "avg_event_gap_sec";
        if (batch.Capped != live.Capped) yield return "capped";
        if (batch.Device != live.Device) yield return "device";
    }
}
