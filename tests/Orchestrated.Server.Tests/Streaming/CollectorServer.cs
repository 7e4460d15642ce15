using Microsoft.AspNetCore.Hosting;
using Orchestrated.Server.Tests.Api;

namespace Orchestrated.Server.Tests.Streaming;

/// <summary>The secured embedded server with a collector's key (role Ingest) and a small collector body limit.</summary>
public sealed class CollectorServer : SecuredServer
{
    public const string IngestKey = "ingest-key-for-tests-5555555555", MaxBodyMegabytes = "1";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Orchestrated:Auth:ApiKeys:2:Name", "lms");
        builder.UseSetting("Orchestrated:Auth:ApiKeys:2:Key", IngestKey);
        builder.UseSetting("Orchestrated:Auth:ApiKeys:2:Role", "Ingest");
        builder.UseSetting("Orchestrated:Collector:MaxBodyMegabytes", MaxBodyMegabytes);
    }
}
