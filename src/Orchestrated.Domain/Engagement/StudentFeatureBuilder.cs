using Orchestrated.Domain.Sessions;

namespace Orchestrated.Domain.Engagement;

/// <summary>
/// Features as of a date for every student with a session the <see cref="FeatureWindow"/> sees; a student with none
/// in 28 days has no row (nobody to warn: they are gone already, and the baseline would call that trivially).
/// </summary>
public static class StudentFeatureBuilder
{
    public static IReadOnlyList<StudentFeatures> Build(DateOnly asOf, IEnumerable<SessionRow> sessions, SessionRules rules)
    {
        var seen = sessions.Where(s => FeatureWindow.Sees(asOf, s, rules))
            .GroupBy(s => s.StudentHash, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal);
        return seen.Select(g => new StudentFeatures(g.Key, asOf, StudentHistory.Of(asOf, g.ToList()).Features())).ToList();
    }
}
