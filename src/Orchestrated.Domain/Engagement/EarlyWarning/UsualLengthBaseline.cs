namespace Orchestrated.Domain.Engagement.EarlyWarning;

/// <summary>
/// The length-only baseline the early warning must beat: the share of low-engagement sessions seen in training for
/// students whose sessions usually last as long (their mean minutes over 28 days, in buckets of five; new students
/// apart) — what one would guess knowing only how long this student's sessions tend to be.
/// </summary>
public sealed class UsualLengthBaseline
{
    private readonly Dictionary<int, (int Low, int Count)> _buckets = [];
    private readonly double _overall;

    public UsualLengthBaseline(IEnumerable<(float[] Features, bool Low)> training)
    {
        int low = 0, count = 0;
        foreach (var (features, isLow) in training)
        {
            var (l, n) = _buckets.GetValueOrDefault(BucketOf(features));
            _buckets[BucketOf(features)] = (l + (isLow ? 1 : 0), n + 1);
            (low, count) = (low + (isLow ? 1 : 0), count + 1);
        }
        if (count == 0) throw new ArgumentException("The baseline needs training rows: none were given.");
        _overall = (low + 1.0) / (count + 2.0);
    }

    public double Probability(float[] features) =>
        _buckets.TryGetValue(BucketOf(features), out var b) && b.Count >= 20 ? (b.Low + 1.0) / (b.Count + 2.0) : _overall;

    private static int BucketOf(float[] features)
    {
        var names = SessionOpening.Names;
        if (features[IndexOf(names, "new_student")] > 0) return -1;
        return (int)Math.Min(24, features[IndexOf(names, "usual_minutes_28d")] / 5);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++) if (names[i] == name) return i;
        throw new ArgumentException($"No feature '{name}'.");
    }
}
