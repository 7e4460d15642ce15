using Orchestrated.Server.Alerts;
using Orchestrated.Server.Tests.Support;
using Orchestrated.Testing;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Tests.Scheduling;

public class AlertDeliveryTests
{
    [Fact]
    public async Task A_webhook_gets_exactly_one_slack_compatible_alert_per_failure_even_through_a_refusal()
    {
        using var receiver = new WebhookReceiver(refuseFirst: 1);
        await using var db = TestDatabase.Sqlite();
        await using var h = await SchedulerHarness.StartAsync(db, TestDags.SessionDuration(j => j["start_date"] = "2030-01-01"),
            new DateTimeOffset(2026, 3, 4, 3, 0, 0, TimeSpan.Zero), alerts: new AlertOptions { Webhooks = [receiver.Url] });
        var run = await h.Runs.TriggerAsync("session_duration", new DateOnly(2026, 3, 2), null, null, CancellationToken.None);
        await h.Scheduler.StartQueuedRunsAsync(CancellationToken.None);
        var attempt = await h.CurrentTryAsync(run.Id, "ingest_raw_events");
        await h.FailAsync(attempt.Id, "the raw folder is unreadable", retryable: false);

        await h.Notifier.DeliverAsync(CancellationToken.None);
        await h.Notifier.DeliverAsync(CancellationToken.None);
        var alert = Assert.Single(receiver.Accepted);
        Assert.Equal(1, receiver.Refused); // Polly retried the 503 within the first delivery
        Assert.Contains("the raw folder is unreadable", alert.GetProperty("text").GetString());
        Assert.Equal("TaskFailed", alert.GetProperty("alert").GetProperty("kind").GetString());
        var stored = Assert.Single(await h.AlertsAsync());
        Assert.NotNull(stored.DeliveredAt);
        Assert.Equal(1, stored.DeliveryAttempts);
    }

    [Fact]
    public async Task An_unreachable_webhook_keeps_the_alert_undelivered_with_the_error_and_tries_again_later()
    {
        string url;
        using (var gone = new WebhookReceiver()) url = gone.Url; // a port nobody listens on any more
        await using var db = TestDatabase.Sqlite();
        await using var h = await SchedulerHarness.StartAsync(db, TestDags.SessionDuration(j => j["start_date"] = "2030-01-01"),
            new DateTimeOffset(2026, 3, 4, 3, 0, 0, TimeSpan.Zero), alerts: new AlertOptions { Webhooks = [url], MaxDeliveryAttempts = 2 });
        var run = await h.Runs.TriggerAsync("session_duration", new DateOnly(2026, 3, 2), null, null, CancellationToken.None);
        await h.Scheduler.StartQueuedRunsAsync(CancellationToken.None);
        await h.FailAsync((await h.CurrentTryAsync(run.Id, "ingest_raw_events")).Id, "x", retryable: false);
        Assert.Equal(TaskState.Failed, (await h.TaskAsync(run.Id, "ingest_raw_events")).State);

        for (var i = 0; i < 3; i++) await h.Notifier.DeliverAsync(CancellationToken.None);
        var stored = Assert.Single(await h.AlertsAsync());
        Assert.Null(stored.DeliveredAt);
        Assert.Equal(2, stored.DeliveryAttempts);
        Assert.False(string.IsNullOrEmpty(stored.DeliveryError));
    }
}
