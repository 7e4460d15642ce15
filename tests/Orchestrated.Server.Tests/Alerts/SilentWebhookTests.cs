using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestrated.Server.Alerts;
using Orchestrated.Server.Metadata;

namespace Orchestrated.Server.Tests.Alerts;

/// <summary>
/// A webhook that accepts connections and never answers once held a manual run queued for six minutes: alert delivery
/// ran inside the scheduler pass. Now it has a loop of its own and every POST a time budget.
/// </summary>
[Trait("Probe", "hostile")]
public sealed class SilentWebhookTests(SilentWebhookServer server) : IClassFixture<SilentWebhookServer>
{
    [Fact]
    public async Task Runs_complete_in_seconds_while_the_only_webhook_never_answers_and_its_url_never_reaches_a_log()
    {
        var client = server.CreateClient();
        await using (var db = await server.Services.GetRequiredService<IDbContextFactory<MetadataDb>>().CreateDbContextAsync())
        {
            // Two alerts: delivered inside a pass, as before, they held it for 2 × 4 tries × the old 10 s timeout.
            for (var i = 0; i < 2; i++)
                db.Alerts.Add(new AlertRecord
                {
                    DedupeKey = $"probe:{i}", Kind = AlertKind.TaskFailed, DagId = "session_duration", CreatedAt = DateTime.UtcNow,
                    Message = $"probe alert {i} <!channel> & <https://evil.example|click>",
                });
            await db.SaveChangesAsync();
        }

        var started = DateTime.UtcNow;
        var response = await client.PostAsJsonAsync("/api/dags/session_duration/runs", new { logicalDate = "2026-03-03" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var run = await server.WaitForAsync(client, $"/api/runs/{runId}",
            r => r.GetProperty("state").GetString() is "success" or "failed", TimeSpan.FromSeconds(45));
        Assert.Equal("success", run.GetProperty("state").GetString());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(45));

        // Meanwhile the delivery loop tried the webhook, and each try failed within its budget with a reason.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        List<AlertRecord> alerts;
        do
        {
            await Task.Delay(200);
            await using var db = await server.Services.GetRequiredService<IDbContextFactory<MetadataDb>>().CreateDbContextAsync();
            alerts = await db.Alerts.AsNoTracking().Where(a => a.DedupeKey.StartsWith("probe:")).ToListAsync();
        } while (alerts.Any(a => a.DeliveryError is null) && DateTime.UtcNow < deadline);
        Assert.True(server.Webhook.Connections > 0, "the webhook was never called");
        Assert.All(alerts, a =>
        {
            Assert.Null(a.DeliveredAt);
            Assert.Contains("webhook 1 did not answer within 1 s", a.DeliveryError);
        });
        Assert.DoesNotContain(server.Logs.Lines, line => line.Contains(server.Webhook.Token, StringComparison.Ordinal));
        Assert.DoesNotContain(alerts, a => a.DeliveryError!.Contains(server.Webhook.Token, StringComparison.Ordinal));
    }
}
