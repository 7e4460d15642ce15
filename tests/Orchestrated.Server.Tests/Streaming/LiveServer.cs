using Microsoft.AspNetCore.Hosting;
using Orchestrated.Server.Tests.Support;

namespace Orchestrated.Server.Tests.Streaming;

/// <summary>
/// The embedded default with a quick stream clock: ticks every 200 ms, idle after a second, micro-batches of half a second.
/// </summary>
public sealed class LiveServer : EmbeddedServer
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Orchestrated:Stream:TickInterval", "00:00:00.200");
        builder.UseSetting("Orchestrated:Stream:IdleTimeout", "00:00:01");
        builder.UseSetting("Orchestrated:Stream:MicroBatchInterval", "00:00:00.500");
    }
}
