using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Stats;

namespace Orchestrated.Domain.Tests.Stats;

public class DailyStatsRowTests
{
    private static SessionRow Session(string student, long durationSec) =>
        new(Guid.NewGuid().ToString(), student, "d", 0, durationSec * 1_000_000, durationSec, 2, 1, durationSec, 0, false);

    [Fact]
    public void One_row_per_student_with_totals_average_longest_and_shortest()
    {
        var rows = DailyStatsRow.Aggregate([Session("b", 100), Session("a", 60), Session("b", 0), Session("b", 50)]);
        Assert.Equal(["a", "b"], rows.Select(r => r.StudentHash));
        var b = rows[1];
        Assert.Equal(3, b.TotalSessions);
        Assert.Equal(150, b.TotalTimeSpentSec);
        Assert.Equal(50.0, b.AvgSessionDuration);
        Assert.Equal(100, b.LongestSessionSec);
        Assert.Equal(0, b.ShortestSessionSec);
    }

    [Fact]
    public void No_sessions_give_no_rows() => Assert.Empty(DailyStatsRow.Aggregate([]));
}
