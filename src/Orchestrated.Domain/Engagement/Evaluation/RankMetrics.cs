namespace Orchestrated.Domain.Engagement.Evaluation;

/// <summary>How well scores rank positives above negatives: ROC-AUC (ties count half) and PR-AUC (average precision).</summary>
public static class RankMetrics
{
    /// <summary>The chance a random positive scores above a random negative (Mann-Whitney, ties averaged).</summary>
    public static double RocAuc(IReadOnlyList<Scored> scored)
    {
        var sorted = scored.OrderBy(s => s.Probability).ToList();
        double positives = sorted.Count(s => s.Label), negatives = sorted.Count - positives, rankSum = 0;
        if (positives == 0 || negatives == 0) return double.NaN;
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j < sorted.Count && sorted[j].Probability == sorted[i].Probability) j++;
            var meanRank = (i + 1 + j) / 2.0; // ranks i+1 … j share their mean
            rankSum += meanRank * sorted.Skip(i).Take(j - i).Count(s => s.Label);
            i = j;
        }
        return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }

    /// <summary>Average precision: the precision at each positive, in order of falling score (a group of ties at once).</summary>
    public static double PrAuc(IReadOnlyList<Scored> scored)
    {
        var sorted = scored.OrderByDescending(s => s.Probability).ToList();
        double positives = sorted.Count(s => s.Label), truePositives = 0, sum = 0;
        if (positives == 0) return double.NaN;
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j < sorted.Count && sorted[j].Probability == sorted[i].Probability) j++;
            var found = sorted.Skip(i).Take(j - i).Count(s => s.Label);
            truePositives += found;
            sum += found * (truePositives / j);
            i = j;
        }
        return sum / positives;
    }

    /// <summary>
    /// The share of real positives among the <paramref name="k"/> highest scores of each date (what a teacher who can
    /// see k students a day finds), averaged over the dates.
    /// </summary>
    public static double PrecisionAtK(IReadOnlyList<Scored> scored, int k) =>
        scored.GroupBy(s => s.Date)
            .Select(d => d.OrderByDescending(s => s.Probability).Take(k).ToList())
            .Where(top => top.Count > 0)
            .Select(top => top.Count(s => s.Label) / (double)top.Count)
            .DefaultIfEmpty(double.NaN).Average();

    /// <summary>The ROC curve at every distinct score, thinned to about <paramref name="points"/> points for a chart.</summary>
    public static IReadOnlyList<RocPoint> RocCurve(IReadOnlyList<Scored> scored, int points = 50)
    {
        var sorted = scored.OrderByDescending(s => s.Probability).ToList();
        double positives = sorted.Count(s => s.Label), negatives = sorted.Count - positives, tp = 0, fp = 0;
        var curve = new List<RocPoint> { new(0, 0) };
        if (positives == 0 || negatives == 0) return curve;
        var step = Math.Max(1, sorted.Count / points);
        var sinceLast = 0;
        for (var i = 0; i < sorted.Count; i++)
        {
            if (sorted[i].Label) tp++; else fp++;
            sinceLast++;
            // A point only where a threshold can fall (after a whole group of ties), at most one every `step` rows.
            var lastOfTies = i == sorted.Count - 1 || sorted[i + 1].Probability != sorted[i].Probability;
            if (!lastOfTies || (sinceLast < step && i != sorted.Count - 1)) continue;
            curve.Add(new RocPoint(fp / negatives, tp / positives));
            sinceLast = 0;
        }
        if (curve[^1] != new RocPoint(1, 1)) curve.Add(new RocPoint(1, 1));
        return curve;
    }
}
