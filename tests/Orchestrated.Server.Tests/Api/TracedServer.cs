using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Orchestrated.Server.Tests.Support;

namespace Orchestrated.Server.Tests.Api;

/// <summary>The embedded server with its spans collected in memory.</summary>
public sealed class TracedServer : EmbeddedServer
{
    public List<Activity> Spans { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddOpenTelemetry().WithTracing(t => t.AddInMemoryExporter(Spans)));
    }
}
