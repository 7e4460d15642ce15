using Microsoft.AspNetCore.Hosting;
using Orchestrated.Server.Tests.Support;

namespace Orchestrated.Server.Tests.Api;

public class OpenServerTests
{
    private sealed class DistributedAndOpen : EmbeddedServer
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Orchestrated:Broker:Transport", "RabbitMq");
        }
    }

    [Fact]
    public void A_distributed_server_without_authentication_refuses_to_start_and_says_what_to_configure()
    {
        using var server = new DistributedAndOpen();
        var e = Assert.ThrowsAny<Exception>(() => server.CreateClient());
        var message = e is InvalidOperationException ? e.Message : e.InnerException?.Message ?? e.Message;
        Assert.Contains("Orchestrated:Auth", message);
        Assert.Contains("AllowAnonymous", message);
    }
}
