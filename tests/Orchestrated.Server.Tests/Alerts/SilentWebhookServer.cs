using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orchestrated.Server.Tests.Support;
using Orchestrated.Testing;

namespace Orchestrated.Server.Tests.Alerts;

/// <summary>The embedded server with one webhook that never answers, and every log line captured.</summary>
public sealed class SilentWebhookServer : EmbeddedServer
{
    public SilentWebhook Webhook { get; } = new();
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Orchestrated:Alerts:Webhooks:0", Webhook.Url);
        builder.UseSetting("Orchestrated:Alerts:RequestTimeout", "00:00:01");
        builder.UseSetting("Orchestrated:Alerts:DeliveryInterval", "00:00:00.200");
        // Every level into the capture (the HTTP client's handlers log URLs at Information and Trace); the console stays quiet.
        builder.ConfigureLogging(l => l.AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Trace));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Webhook.Dispose();
    }
}
