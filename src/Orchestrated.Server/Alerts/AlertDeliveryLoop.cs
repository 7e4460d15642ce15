using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Scheduling;

namespace Orchestrated.Server.Alerts;

/// <summary>
/// Sends stored alerts to the webhooks on a loop of its own: a webhook that accepts connections and never answers
/// delays alerts, never scheduling. One replica delivers at a time (a lease of its own, so it does not have to be the
/// scheduler); each round sends a bounded number of alerts, each POST within its time budget.
/// </summary>
public sealed class AlertDeliveryLoop(
    IDbContextFactory<MetadataDb> dbs,
    WebhookNotifier notifier,
    LeaderLease schedulerLease,
    AlertOptions options,
    TimeProvider clock,
    ILogger<AlertDeliveryLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!notifier.HasWebhooks) return;
        var lease = new LeaderLease(dbs, clock, schedulerLease.Holder, name: "alert-delivery");
        // Long enough for a whole round (every POST at its budget, with retries), so no round is cut by a takeover.
        var leaseFor = options.RequestTimeout * 4 * options.MaxAlertsPerRound * Math.Max(1, options.Webhooks.Count)
            + options.DeliveryInterval * 2;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await lease.TryAcquireAsync(leaseFor, stoppingToken)) await notifier.DeliverAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                logger.LogError(e, "alert delivery round failed; trying again");
            }
            try { await Task.Delay(options.DeliveryInterval, clock, stoppingToken); }
            catch (OperationCanceledException) { break; }
        }
    }
}
