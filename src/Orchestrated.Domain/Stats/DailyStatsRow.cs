using Orchestrated.Domain.Sessions;

namespace Orchestrated.Domain.Stats;

/// <summary>One row of <c>gold/session_daily_stats</c>: a student's sessions on one date.</summary>
public sealed record DailyStatsRow(
    string StudentHash,
    int TotalSessions,
    long TotalTimeSpentSec,
    double AvgSessionDuration,
    long LongestSessionSec,
    long ShortestSessionSec)
{
    /// <summary>Aggregates one date's sessions per student, ordered by student hash.</summary>
    public static IReadOnlyList<DailyStatsRow> Aggregate(IEnumerable<SessionRow> sessions)
    {
        var byStudent = new SortedDictionary<string, Accumulator>(StringComparer.Ordinal);
        foreach (var s in sessions)
        {
            if (!byStudent.TryGetValue(s.StudentHash, out var acc)) byStudent[s.StudentHash] = acc = new Accumulator();
            acc.Add(s.SessionDurationSec);
        }
        return byStudent.Select(kv => kv.Value.ToRow(kv.Key)).ToList();
    }

    private sealed class Accumulator
    {
        private int _count;
        private long _total;
        private long _longest = long.MinValue;
        private long _shortest = long.MaxValue;

        public void Add(long duration)
        {
            _count++;
            _total += duration;
            _longest = Math.Max(_longest, duration);
            _shortest = Math.Min(_shortest, duration);
        }

        public DailyStatsRow ToRow(string student) => new(student, _count, _total, (double)_total / _count, _longest, _shortest);
    }
}
