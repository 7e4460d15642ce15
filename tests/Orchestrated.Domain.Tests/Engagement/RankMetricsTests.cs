using Orchestrated.Domain.Engagement.Evaluation;

namespace Orchestrated.Domain.Tests.Engagement;

public sealed class RankMetricsTests
{
    private static readonly DateOnly Day = new(2026, 3, 2);

    private static List<Scored> Of(params (double P, bool Label)[] rows) => rows.Select(r => new Scored(Day, r.P, r.Label)).ToList();

    [Fact]
    public void Roc_auc_is_the_share_of_positive_negative_pairs_ranked_right_ties_half()
    {
        Assert.Equal(1.0, RankMetrics.RocAuc(Of((0.9, true), (0.8, true), (0.2, false))));
        Assert.Equal(0.0, RankMetrics.RocAuc(Of((0.1, true), (0.8, false))));
        Assert.Equal(0.5, RankMetrics.RocAuc(Of((0.5, true), (0.5, false))));
        // Pairs: (0.9>0.7 yes) (0.9>0.3 yes) (0.4>0.7 no) (0.4>0.3 yes): 3 of 4.
        Assert.Equal(0.75, RankMetrics.RocAuc(Of((0.9, true), (0.4, true), (0.7, false), (0.3, false))));
        Assert.True(double.IsNaN(RankMetrics.RocAuc(Of((0.9, true)))));
    }

    [Fact]
    public void Pr_auc_is_the_mean_precision_at_each_positive()
    {
        // Ranked: +(1/1) -(…) +(2/3): (1 + 2/3) / 2.
        Assert.Equal((1 + 2.0 / 3) / 2, RankMetrics.PrAuc(Of((0.9, true), (0.7, false), (0.4, true), (0.1, false))), 12);
        Assert.Equal(1.0, RankMetrics.PrAuc(Of((0.9, true), (0.1, false))));
    }

    [Fact]
    public void Precision_at_k_takes_each_dates_top_k()
    {
        var scored = new List<Scored>
        {
            new(Day, 0.9, true), new(Day, 0.8, false), new(Day, 0.1, true),
            new(Day.AddDays(1), 0.9, true), new(Day.AddDays(1), 0.7, true), new(Day.AddDays(1), 0.2, false),
        };
        Assert.Equal((0.5 + 1.0) / 2, RankMetrics.PrecisionAtK(scored, 2));
    }

    [Fact]
    public void Brier_and_reliability_measure_calibration()
    {
        var scored = Of((1.0, true), (0.0, false), (0.5, true), (0.5, false));
        Assert.Equal((0 + 0 + 0.25 + 0.25) / 4, Calibration.Brier(scored));
        var bins = Calibration.Reliability(scored);
        Assert.Equal([0.0, 0.5, 1.0], bins.Select(b => b.MeanPredicted));
        Assert.Equal([0.0, 0.5, 1.0], bins.Select(b => b.Observed));
        Assert.Equal([1, 2, 1], bins.Select(b => b.Count));
    }

    [Fact]
    public void The_roc_curve_runs_from_nothing_flagged_to_everything()
    {
        var curve = RankMetrics.RocCurve(Of((0.9, true), (0.4, true), (0.7, false), (0.3, false)));
        Assert.Equal(new RocPoint(0, 0), curve[0]);
        Assert.Equal(new RocPoint(1, 1), curve[^1]);
        Assert.All(Enumerable.Range(1, curve.Count - 1), i => Assert.True(curve[i].FalsePositiveRate >= curve[i - 1].FalsePositiveRate
                                                                          && curve[i].TruePositiveRate >= curve[i - 1].TruePositiveRate));
    }

    [Fact]
    public void A_roc_curve_of_many_tied_scores_still_bends_where_the_thresholds_fall()
    {
        // Three scores only, as the baseline's table gives: the curve has a point after each group of ties.
        var scored = Enumerable.Range(0, 300).Select(i => new Scored(Day, i % 3 / 2.0, i % 3 == 2 || i % 10 == 0)).ToList();
        var curve = RankMetrics.RocCurve(scored, points: 50);
        Assert.Equal(4, curve.Count);
        Assert.True(curve[1].TruePositiveRate > curve[1].FalsePositiveRate);
    }
}
