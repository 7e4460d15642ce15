using Orchestrated.Workflows.Definitions;

namespace Orchestrated.Workflows.Scheduling;

/// <summary>When a failed task runs again. No jitter: one scheduler decides, so there is no herd to spread.</summary>
public static class RetryPolicy
{
    /// <summary>Whether a task that has failed <paramref name="failedTries"/> of its own tries may try again.</summary>
    public static bool CanRetry(TaskSettings settings, int failedTries) => failedTries <= settings.Retries;

    /// <summary>The wait after the <paramref name="failedTries"/>-th failure (1-based): delay, 2×delay, 4×delay … up to the cap.</summary>
    public static TimeSpan DelayAfter(TaskSettings settings, int failedTries)
    {
        if (!settings.ExponentialBackoff) return settings.RetryDelay;
        var exponent = Math.Clamp(failedTries - 1, 0, 30);
        var ticks = Math.Min((double)settings.RetryDelay.Ticks * Math.Pow(2, exponent), settings.MaxRetryDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
