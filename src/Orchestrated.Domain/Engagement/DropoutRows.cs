using Orchestrated.Domain.Sessions;

namespace Orchestrated.Domain.Engagement;

/// <summary>The labelled rows of a span of dates: every student's features as of each date, and what the horizon revealed.</summary>
public static class DropoutRows
{
    /// <summary>
    /// Rows for the dates <paramref name="from"/> … <paramref name="to"/>; the sessions must reach the label horizon past
    /// <paramref name="to"/>, or its labels would call students gone who are merely not yet read.
    /// </summary>
    public static IReadOnlyList<LabelledFeatures> Build(IReadOnlyList<SessionRow> sessions, SessionRules rules, DropoutLabel label,
        DateOnly from, DateOnly to)
    {
        var byStudent = sessions.GroupBy(s => s.StudentHash, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var rows = new List<LabelledFeatures>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            var window = sessions.Where(s => s.Date >= FeatureWindow.FirstDate(date) && s.Date <= date);
            foreach (var features in StudentFeatureBuilder.Build(date, window, rules))
                rows.Add(new LabelledFeatures(features, label.DropsOut(date, byStudent[features.StudentHash], rules)));
        }
        return rows;
    }
}
