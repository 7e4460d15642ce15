using Orchestrated.Workflows.Definitions;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Workflows.Tests.Scheduling;

public class RetryPolicyTests
{
    private static readonly TaskSettings Settings = new()
    {
        Retries = 5, RetryDelay = TimeSpan.FromSeconds(30), ExponentialBackoff = true, MaxRetryDelay = TimeSpan.FromMinutes(3),
    };

    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(4, 180)]
    [InlineData(5, 180)]
    [InlineData(40, 180)]
    public void Backoff_doubles_up_to_the_cap(int failedTries, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryPolicy.DelayAfter(Settings, failedTries));

    [Fact]
    public void Without_backoff_the_delay_is_constant() =>
        Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.DelayAfter(Settings with { ExponentialBackoff = false }, 4));

    [Fact]
    public void A_task_with_two_retries_runs_at_most_three_times()
    {
        var settings = Settings with { Retries = 2 };
        Assert.True(RetryPolicy.CanRetry(settings, 1));
        Assert.True(RetryPolicy.CanRetry(settings, 2));
        Assert.False(RetryPolicy.CanRetry(settings, 3));
    }
}
