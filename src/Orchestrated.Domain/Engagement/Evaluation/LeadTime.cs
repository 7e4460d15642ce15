namespace Orchestrated.Domain.Engagement.Evaluation;

/// <summary>
/// How early the warnings came. A student's last session before they drop out is the first date of a run of dropout
/// labels (the label of D says: no session after D within the horizon). The warning's lead is the number of days from
/// the first date, within <c>lookBack</c> days before it, on which the risk was in the high band, to that last session:
/// 3 means the student was flagged three days before their last visit, while a teacher could still meet them; a
/// student first flagged only after it has a negative lead; one never flagged by the end of the run was missed.
/// </summary>
public sealed record LeadTime(int Episodes, int WarnedByTheLastSession, int Missed, double? MedianDays)
{
    public static LeadTime Of(IReadOnlyList<(string Student, DateOnly Date, double Risk, bool Label)> rows, double threshold = 0.5,
        int lookBack = 14)
    {
        var leads = new List<int>();
        var missed = 0;
        foreach (var student in rows.GroupBy(r => r.Student, StringComparer.Ordinal))
        {
            var days = student.OrderBy(r => r.Date).ToList();
            for (var i = 1; i < days.Count; i++)
            {
                // A run of dropout labels that begins here, after a date that was not one: a last session on this date.
                if (!days[i].Label || days[i - 1].Label || days[i - 1].Date != days[i].Date.AddDays(-1)) continue;
                var last = days[i].Date;
                var end = i;
                while (end + 1 < days.Count && days[end + 1].Label && days[end + 1].Date == days[end].Date.AddDays(1)) end++;
                var flagged = days.Where((d, k) => k <= end && d.Date >= last.AddDays(-lookBack) && d.Risk >= threshold)
                    .Select(d => (DateOnly?)d.Date).FirstOrDefault();
                if (flagged is { } first) leads.Add(last.DayNumber - first.DayNumber);
                else missed++;
            }
        }
        var sorted = leads.Order().ToList();
        double? median = sorted.Count == 0 ? null
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2.0;
        return new LeadTime(sorted.Count + missed, sorted.Count(l => l >= 0), missed, median);
    }
}
