namespace Orchestrated.Domain.Engagement;

/// <summary>
/// The baseline every dropout model must beat: the dropout rate seen in training for students as many days since
/// their last session, split by whether their sessions are falling, flat or rising against the week before — the
/// rule a teacher applies by eye. Cells too thin to trust fall back on the days alone, then on the overall rate.
/// </summary>
public sealed class DaysSinceLastBaseline
{
    private const int Trust = 20; // labels a cell needs before its own rate is used
    private readonly Dictionary<(int Days, int Trend), (int Positives, int Count)> _cells = [];
    private readonly Dictionary<int, (int Positives, int Count)> _days = [];
    private readonly double _overall;

    public DaysSinceLastBaseline(IEnumerable<(StudentFeatures Features, bool Label)> training)
    {
        int positives = 0, count = 0;
        foreach (var (features, label) in training)
        {
            var (days, trend) = CellOf(features);
            Add(_cells, (days, trend), label);
            Add(_days, days, label);
            (positives, count) = (positives + (label ? 1 : 0), count + 1);
        }
        if (count == 0) throw new ArgumentException("The baseline needs training rows: none were given.");
        _overall = (positives + 1.0) / (count + 2.0);
    }

    public double Probability(StudentFeatures features)
    {
        var (days, trend) = CellOf(features);
        if (_cells.TryGetValue((days, trend), out var cell) && cell.Count >= Trust) return Rate(cell);
        return _days.TryGetValue(days, out var day) && day.Count >= Trust ? Rate(day) : _overall;
    }

    private static (int Days, int Trend) CellOf(StudentFeatures features)
    {
        var trend = features["session_trend"];
        return ((int)features["days_since_last"], trend < -0.2f ? -1 : trend > 0.2f ? 1 : 0);
    }

    private static double Rate((int Positives, int Count) cell) => (cell.Positives + 1.0) / (cell.Count + 2.0);

    private static void Add<TKey>(Dictionary<TKey, (int Positives, int Count)> cells, TKey key, bool label) where TKey : notnull
    {
        var (p, n) = cells.GetValueOrDefault(key);
        cells[key] = (p + (label ? 1 : 0), n + 1);
    }
}
