using Orchestrated.Domain.Live;
using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Tests.Live;

/// <summary>Live against batch, session id by session id: what is alike, what differs and whether late events explain it.</summary>
public sealed class LiveReconcilerTests
{
    private static readonly long T0 = UtcMicros.StartOf(new DateOnly(2026, 3, 2)) + 9 * 3600 * UtcMicros.PerSecond;

    private static SessionRow Row(string id, string student, int events, int startMinute = 0) =>
        new(id, student, "desktop", T0 + startMinute * 60 * UtcMicros.PerSecond, T0 + (startMinute + events) * 60 * UtcMicros.PerSecond,
            events * 60, events, 1, 60, 0, Capped: false);

    [Fact]
    public void Equal_sides_have_no_difference()
    {
        var rows = new[] { Row("a", "S1", 3), Row("b", "S2", 2) };
        var result = LiveReconciler.Compare(rows, rows.Reverse().ToList(), new HashSet<string>());
        Assert.Equal((2L, 2L, 2L), (result.BatchSessions, result.LiveSessions, result.Matched));
        Assert.Empty(result.Differences);
    }

    [Fact]
    public void Every_kind_of_difference_is_named_and_only_late_students_explain_theirs()
    {
        IReadOnlyList<SessionRow> batch = [Row("same", "S1", 3), Row("longer", "S2", 4), Row("missed", "S3", 1), Row("late", "S4", 2)];
        IReadOnlyList<SessionRow> live = [Row("same", "S1", 3), Row("longer", "S2", 3), Row("extra", "S5", 1), Row("extra", "S5", 1)];
        var result = LiveReconciler.Compare(batch, live, new HashSet<string> { "S2", "S4" });

        Assert.Equal(1, result.Matched);
        Assert.Equal(
            [
                ("extra", "duplicate_live", false), ("extra", "only_live", false), ("late", "only_batch", true),
                ("longer", "different", true), ("missed", "only_batch", false),
            ],
            result.Differences.Select(d => (d.SessionId, d.Kind, d.ExplainedByLate)).OrderBy(d => d.SessionId).ThenBy(d => d.Kind));
        Assert.Contains("event_count 4 (batch) vs 3 (live)", result.Differences.Single(d => d.Kind == "different").Detail);
        Assert.Equal(3, result.Unexplained);
    }
}
