using Orchestrated.Domain.Engagement;

namespace Orchestrated.Domain.Tests.Engagement;

public sealed class TimeSplitTests
{
    [Theory]
    [InlineData(7, 0.3)]
    [InlineData(1, 0.5)]
    [InlineData(14, 0.25)]
    public void No_training_label_window_overlaps_the_evaluation(int horizon, double share)
    {
        var first = new DateOnly(2026, 3, 9);
        var lastData = first.AddDays(70);
        var split = TimeSplit.For(first, lastData, horizon, share);
        var dates = Enumerable.Range(0, 71).Select(first.AddDays).ToList();
        var training = dates.Where(split.Trains).ToList();
        var evaluated = dates.Where(d => split.Evaluates(d, lastData)).ToList();

        Assert.NotEmpty(training);
        Assert.NotEmpty(evaluated);
        // Every day a training label looked at (D+1 … D+horizon) is before the first evaluation date.
        Assert.True(training.Max().AddDays(horizon) < evaluated.Min());
        // Every evaluation label is known within the data.
        Assert.True(evaluated.Max().AddDays(horizon) <= lastData);
        Assert.Empty(training.Intersect(evaluated));
    }

    [Fact]
    public void Too_few_dates_for_the_horizon_is_an_error_that_says_so()
    {
        var first = new DateOnly(2026, 3, 9);
        var error = Assert.Throws<ArgumentException>(() => TimeSplit.For(first, first.AddDays(20), 7));
        Assert.Contains("too few for a 7-day horizon", error.Message);
    }
}
