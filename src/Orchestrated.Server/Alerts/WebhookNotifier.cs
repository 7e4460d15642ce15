using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Metadata;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Orchestrated.Server.Alerts;

/// <summary>
/// POSTs undelivered alerts to the webhooks, Slack-compatible (text escaped for its markup). Each POST has a time
/// budget; Polly retries transient faults and timeouts inside one delivery; an alert that still fails is tried again
/// on later rounds, up to a limit, with the error kept. Webhook URLs hold tokens: logs and errors name a webhook by
/// its position, never by its URL.
/// </summary>
public sealed class WebhookNotifier(IDbContextFactory<MetadataDb> dbs, IHttpClientFactory http, AlertOptions options, TimeProvider clock,
    ILogger<WebhookNotifier> logger)
{
    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutRejectedException>(),
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(200),
            BackoffType = DelayBackoffType.Exponential,
        })
        .AddTimeout(options.RequestTimeout) // per attempt: a webhook that never answers costs this, not the caller's patience
        .Build();

    private readonly List<string> _webhooks = options.Webhooks.Where(w => !string.IsNullOrWhiteSpace(w)).ToList(); // unset → ""

    public bool HasWebhooks => _webhooks.Count > 0;

    public async Task DeliverAsync(CancellationToken ct)
    {
        if (!HasWebhooks) return;
        await using var db = await dbs.CreateDbContextAsync(ct);
        var pending = await db.Alerts.Where(a => a.DeliveredAt == null && a.DeliveryAttempts < options.MaxDeliveryAttempts)
            .OrderBy(a => a.Id).Take(options.MaxAlertsPerRound).ToListAsync(ct);
        foreach (var alert in pending)
        {
            alert.DeliveryAttempts++;
            try
            {
                for (var i = 0; i < _webhooks.Count; i++) await PostAsync(i, alert, ct);
                alert.DeliveredAt = clock.GetUtcNow().UtcDateTime;
                alert.DeliveryError = null;
            }
            catch (WebhookException e)
            {
                alert.DeliveryError = e.Message;
                logger.LogWarning("alert {Id} not delivered (attempt {Attempt}): {Error}", alert.Id, alert.DeliveryAttempts, e.Message);
            }
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task PostAsync(int webhook, AlertRecord alert, CancellationToken ct)
    {
        var client = http.CreateClient("alerts");
        var body = new
        {
            text = $":rotating_light: {SlackText.Escape(alert.Message)}",
            alert = new { alert.Id, kind = alert.Kind.ToString(), dag = alert.DagId, logical_date = alert.LogicalDate, task = alert.TaskId,
                run = alert.RunId, created_at = alert.CreatedAt },
        };
        var name = $"webhook {webhook + 1}";
        try
        {
            await _retry.ExecuteAsync(async token =>
            {
                using var response = await client.PostAsJsonAsync(_webhooks[webhook], body, token);
                if ((int)response.StatusCode >= 500 || response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
                    throw new HttpRequestException($"answered {(int)response.StatusCode}");
                if (!response.IsSuccessStatusCode) throw new WebhookException($"{name} refused the alert: {(int)response.StatusCode}");
            }, ct);
        }
        catch (TimeoutRejectedException)
        {
            throw new WebhookException($"{name} did not answer within {options.RequestTimeout.TotalSeconds:0.#} s (4 tries)");
        }
        catch (HttpRequestException e)
        {
            // The message of a connection error names host and port at most, never the path that holds the token.
            throw new WebhookException($"{name}: {e.Message}");
        }
    }
}
