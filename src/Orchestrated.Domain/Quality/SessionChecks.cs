using Orchestrated.Domain.Sessions;

namespace Orchestrated.Domain.Quality;

/// <summary>The contract's checks on one date's sessions, plus the anomalies worth a look.</summary>
public static class SessionChecks
{
    public static IReadOnlyList<DataQualityResult> Run(IReadOnlyList<ClosedSession> sessions, DaySessionStats stats)
    {
        long endBeforeStart = 0, sameEndDespiteDistinctTimes = 0, emptySessions = 0, overlaps = 0;
        foreach (var s in sessions)
        {
            if (s.End < s.Start) endBeforeStart++;
            if (s.DistinctTimestamps >= 2 && s.End <= s.Start) sameEndDespiteDistinctTimes++;
            if (s.EventCount < 1) emptySessions++;
        }
        var byStream = sessions.ToArray();
        Array.Sort(byStream, new StreamThenStart());
        for (var i = 1; i < byStream.Length; i++)
            if (byStream[i].Key == byStream[i - 1].Key && byStream[i].Start <= byStream[i - 1].End) overlaps++;

        // Every event of the date is in one of its sessions or continues an earlier one; owned sessions
        // also hold the events they gathered after midnight.
        var expectedInSessions = stats.EventsOfDay - stats.EventsContinuingEarlierSessions + stats.EventsReadAheadIntoOwnedSessions;
        var unbalanced = Math.Abs(stats.EventsInOwnedSessions - expectedInSessions);

        return
        [
            DataQualityResult.HardCheck("session_end_not_before_start", endBeforeStart, "sessions end before they start"),
            DataQualityResult.HardCheck("session_end_after_start_when_times_differ", sameEndDespiteDistinctTimes,
                "sessions with two distinct timestamps do not end after they start"),
            DataQualityResult.HardCheck("session_duration_not_negative", endBeforeStart, "negative durations"),
            DataQualityResult.HardCheck("session_has_events", emptySessions, "sessions without events"),
            DataQualityResult.HardCheck("no_overlapping_sessions_in_stream", overlaps, "sessions of one stream overlap"),
            DataQualityResult.HardCheck("events_balanced", unbalanced,
                $"events in sessions {stats.EventsInOwnedSessions} != events of the day {stats.EventsOfDay} - continuing " +
                    $"{stats.EventsContinuingEarlierSessions} + read ahead {stats.EventsReadAheadIntoOwnedSessions}"),
            DataQualityResult.Anomaly("capped_sessions", stats.CappedSessions, "sessions closed by max_session_duration"),
            DataQualityResult.Anomaly("sessions_open_at_data_edge", stats.SessionsOpenAtDataEdge,
                "sessions may still grow: the next day's events are not there yet"),
            DataQualityResult.Anomaly("sessions_with_uncertain_start", stats.SessionsWithUncertainStart,
                "look-back limit reached: these streams were active without a break for longer than it"),
        ];
    }

    private readonly struct StreamThenStart : IComparer<ClosedSession>
    {
        public int Compare(ClosedSession a, ClosedSession b)
        {
            var c = a.Key.Student.CompareTo(b.Key.Student);
            if (c == 0) c = a.Key.Device.CompareTo(b.Key.Device);
            if (c == 0) c = a.Key.Browser.CompareTo(b.Key.Browser);
            if (c == 0) c = a.Key.Network.CompareTo(b.Key.Network);
            return c != 0 ? c : a.Start.CompareTo(b.Start);
        }
    }
}
