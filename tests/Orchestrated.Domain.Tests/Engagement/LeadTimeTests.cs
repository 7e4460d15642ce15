using Orchestrated.Domain.Engagement.Evaluation;

namespace Orchestrated.Domain.Tests.Engagement;

public sealed class LeadTimeTests
{
    private static readonly DateOnly D = new(2026, 4, 1);

    /// <summary>One student's days from <see cref="D"/>: labels and risks in order.</summary>
    private static IEnumerable<(string, DateOnly, double, bool)> Days(string student, string labels, params double[] risks) =>
        labels.Select((c, i) => (student, D.AddDays(i), risks[i], c == '1'));

    [Fact]
    public void A_student_flagged_three_days_before_the_last_session_has_a_lead_of_three()
    {
        // Last session on day 5 (its label is the first 1); flagged from day 2.
        var rows = Days("a", "000001111", 0.1, 0.2, 0.6, 0.7, 0.8, 0.9, 0.9, 0.9, 0.9).ToList();
        var lead = LeadTime.Of(rows);
        Assert.Equal(new LeadTime(1, 1, 0, 3), lead);
    }

    [Fact]
    public void Flagged_only_after_the_last_session_is_late_and_never_flagged_is_missed()
    {
        var rows = Days("late", "00011111", 0.1, 0.1, 0.1, 0.2, 0.3, 0.7, 0.8, 0.8)
            .Concat(Days("missed", "00111", 0.1, 0.1, 0.2, 0.3, 0.3)).ToList();
        var lead = LeadTime.Of(rows);
        Assert.Equal(2, lead.Episodes);
        Assert.Equal(0, lead.WarnedByTheLastSession);
        Assert.Equal(1, lead.Missed);
        Assert.Equal(-2, lead.MedianDays); // last session day 3, first flag day 5
    }

    [Fact]
    public void A_run_already_under_way_when_the_rows_begin_is_not_an_episode() =>
        Assert.Equal(0, LeadTime.Of(Days("a", "1111", 0.9, 0.9, 0.9, 0.9).ToList()).Episodes);
}
