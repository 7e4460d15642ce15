using Orchestrated.Domain.Engagement;

namespace Orchestrated.Domain.Tests.Engagement;

public sealed class RiskReasonsTests
{
    [Fact]
    public void Every_feature_can_be_said_in_words_with_the_students_value()
    {
        var student = new StudentFeatures("s", new DateOnly(2026, 3, 2), StudentFeatures.Names.Select((_, i) => i + 0.25f).ToArray());
        Assert.All(StudentFeatures.Names, name => Assert.False(string.IsNullOrWhiteSpace(RiskReasons.Say(name, student))));
        Assert.Equal("no session for 10 days", RiskReasons.Say("days_since_last", student));
    }

    [Fact]
    public void A_reason_lies_on_the_worrying_side_of_the_median()
    {
        Assert.True(RiskReasons.IsReason("days_since_last", 9, 2));
        Assert.False(RiskReasons.IsReason("days_since_last", 1, 2));
        Assert.True(RiskReasons.IsReason("sessions_7d", 1, 6));
        Assert.False(RiskReasons.IsReason("active_days_28d", 20, 12));
        Assert.False(RiskReasons.IsReason("mobile_share", 0.9f, 0.2f));
    }
}
