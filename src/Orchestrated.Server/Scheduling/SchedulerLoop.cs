using Orchestrated.Server.Alerts;

namespace Orchestrated.Server.Scheduling;

/// <summary>
/// The scheduler's host loop: hold the lease, run a pass when signalled or when the interval passes. A failing pass is
/// logged and retried next time; it never stops the loop. Alerts are delivered elsewhere (<see cref="AlertDeliveryLoop"/>),
/// so a slow webhook cannot hold a pass up.
/// </summary>
public sealed class SchedulerLoop(
    LeaderLease lease,
    Scheduler scheduler,
    SchedulerSignal signal,
    SchedulerOptions options,
    ILogger<SchedulerLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var leading = false;
        var full = true;
        var dirty = new HashSet<long>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (full || !leading)
                {
                    var nowLeading = await lease.TryAcquireAsync(options.LeaseDuration, stoppingToken);
                    if (nowLeading != leading)
                        logger.LogInformation(nowLeading ? "{Holder} is the scheduler now" : "{Holder} lost the scheduler lease",
                            lease.Holder);
                    leading = nowLeading;
                }
                if (leading) await scheduler.RunPassAsync(full, dirty, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogError(e, "scheduler pass failed; trying again");
            }
            try
            {
                (full, dirty) = await signal.WaitAsync(options.TickInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        if (leading)
        {
            try { await lease.ReleaseAsync(CancellationToken.None); }
            catch (Exception e) { logger.LogWarning("lease not released: {Error}", e.Message); }
        }
    }
}
