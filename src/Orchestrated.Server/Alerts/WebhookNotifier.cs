using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Metadata;
using Polly;
using Polly.Retry;

namespace Orchestrated.Server.Alerts;

/// <summary>
/// POSTs undelivered alerts to the webhooks, Slack-compatible. Polly retries transient HTTP faults inside one
/// delivery; an alert that still fails is tried again on later passes, up to a limit, with the error kept.
/// </summary>
public sealed class WebhookNotifier(IDbContextFactory<MetadataDb> dbs, IHttpClientFactory http, AlertOptions options, TimeProvider clock,
    ILogger<WebhookNotifier> logger)
{
    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TaskCanceledException>(),
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
        })
        .Build();

    public async Task DeliverAsync(CancellationToken ct)
    {
        var webhooks = options.Webhooks.Where(w => !string.IsNullOrWhiteSpace(w)).ToList(); // an unset variable binds as ""
        if (webhooks.Count == 0) return;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var pending = await db.Alerts.Where(a => a.DeliveredAt == null && a.DeliveryAttempts < options.MaxDeliveryAttempts)
            .OrderBy(a => a.Id).Take(50).ToListAsync(ct);
        foreach (var alert in pending)
        {
            alert.DeliveryAttempts++;
            try
            {
                foreach (var url in webhooks) await PostAsync(url, alert, ct);
                alert.DeliveredAt = clock.GetUtcNow().UtcDateTime;
                alert.DeliveryError = null;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                alert.DeliveryError = e.Message;
                logger.LogWarning("alert {Id} not delivered (attempt {Attempt}): {Error}", alert.Id, alert.DeliveryAttempts, e.Message);
            }
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task PostAsync(string url, AlertRecord alert, CancellationToken ct)
    {
        var client = http.CreateClient("alerts");
        var body = new
        {
            text = $":rotating_light: {alert.Message}",
            alert = new { alert.Id, kind = alert.Kind.ToString(), dag = alert.DagId, logical_date = alert.LogicalDate, task = alert.TaskId,
                run = alert.RunId, created_at = alert.CreatedAt },
        };
        await _retry.ExecuteAsync(async token =>
        {
            using var response = await client.PostAsJsonAsync(url, body, token);
            if ((int)response.StatusCode >= 500 || response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
                throw new HttpRequestException($"webhook answered {(int)response.StatusCode}");
            response.EnsureSuccessStatusCode();
        }, ct);
    }
}
