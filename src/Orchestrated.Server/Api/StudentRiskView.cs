namespace Orchestrated.Server.Api;

/// <summary>
/// A student on the at-risk page: hashed id, risk, band, last week's risk and the trend, the reasons in words, the
/// courses of their last four weeks.
/// </summary>
public sealed record StudentRiskView(string StudentHash, double Risk, string Band, double? RiskWeekAgo, string? Trend,
    IReadOnlyList<string> Reasons, IReadOnlyList<string> Courses);
