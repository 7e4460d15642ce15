namespace Orchestrated.Domain.Engagement;

/// <summary>
/// One row of <c>gold/student_risk</c>: a student's dropout risk as of a date, its band, the risk a week before (when
/// it was scored), the top reasons in plain words, the model version that made it, and the student's courses of the
/// 28 days (<c>;</c>-separated).
/// </summary>
public sealed record StudentRisk(string StudentHash, double Risk, string Band, double? RiskWeekAgo, string Reasons, string ModelVersion,
    string Courses = "")
{
    /// <summary>Up, down or flat against a week before (a change under 5 points is flat); null without a week-old score.</summary>
    public string? Trend => RiskWeekAgo is not { } before ? null : Risk - before > 0.05 ? "up" : before - Risk > 0.05 ? "down" : "flat";
}
