using Orchestrated.Workflows.Runs;

namespace Orchestrated.Workflows.Tests.Runs;

public class TryWatchdogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);
    private static readonly WatchdogSettings Settings =
        new() { HeartbeatTimeout = TimeSpan.FromSeconds(30), QueuedTimeout = TimeSpan.FromMinutes(5) };
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    [Fact]
    public void A_queued_try_is_lost_after_the_queued_timeout()
    {
        Assert.Equal(TryVerdict.Healthy, TryWatchdog.Check(TaskState.Queued, T0, null, null, Timeout, Settings, T0.AddMinutes(5)));
        Assert.Equal(TryVerdict.DispatchLost,
            TryWatchdog.Check(TaskState.Queued, T0, null, null, Timeout, Settings, T0.AddMinutes(5).AddSeconds(1)));
    }

    [Fact]
    public void A_running_try_without_heartbeats_has_lost_its_worker()
    {
        var started = T0.AddSeconds(1);
        Assert.Equal(TryVerdict.Healthy,
            TryWatchdog.Check(TaskState.Running, T0, started, started.AddSeconds(20), Timeout, Settings, started.AddSeconds(45)));
        Assert.Equal(TryVerdict.WorkerLost,
            TryWatchdog.Check(TaskState.Running, T0, started, started.AddSeconds(20), Timeout, Settings, started.AddSeconds(51)));
        Assert.Equal(TryVerdict.WorkerLost,
            TryWatchdog.Check(TaskState.Running, T0, started, null, Timeout, Settings, started.AddSeconds(31)));
    }

    [Fact]
    public void A_try_past_its_execution_timeout_times_out_even_with_heartbeats()
    {
        var now = T0.AddMinutes(10).AddSeconds(1);
        Assert.Equal(TryVerdict.TimedOut, TryWatchdog.Check(TaskState.Running, T0, T0, now.AddSeconds(-1), Timeout, Settings, now));
    }

    [Fact]
    public void Finished_tries_are_left_alone() =>
        Assert.Equal(TryVerdict.Healthy, TryWatchdog.Check(TaskState.Success, T0, T0, null, Timeout, Settings, T0.AddDays(1)));
}
