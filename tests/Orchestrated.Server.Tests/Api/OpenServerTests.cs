using Microsoft.AspNetCore.Hosting;
using Orchestrated.Server.Tests.Support;

namespace Orchestrated.Server.Tests.Api;

[Trait("Probe", "hostile")]
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

    private sealed class ListeningEverywhereAndOpen : EmbeddedServer
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("urls", "http://127.0.0.1:5080;http://0.0.0.0:5081");
        }
    }

    [Fact]
    public void An_open_server_listening_beyond_loopback_refuses_to_start_and_names_the_address()
    {
        using var server = new ListeningEverywhereAndOpen();
        var e = Assert.ThrowsAny<Exception>(() => server.CreateClient());
        var message = e is InvalidOperationException ? e.Message : e.InnerException?.Message ?? e.Message;
        Assert.Contains("http://0.0.0.0:5081", message);
        Assert.Contains("Orchestrated:Auth", message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5080", null)]
    [InlineData("http://localhost:5080;https://[::1]:5443", null)]
    [InlineData("http://127.0.0.2:80", null)]
    [InlineData("http://0.0.0.0:8080", "http://0.0.0.0:8080")]
    [InlineData("http://127.0.0.1:1;http://*:8080", "http://*:8080")]
    [InlineData("http://+:80", "http://+:80")]
    [InlineData("http://[::]:80", "http://[::]:80")]
    [InlineData("http://10.0.0.5:80", "http://10.0.0.5:80")]
    [InlineData("http://myhost:80", "http://myhost:80")]
    public void Listen_addresses_reachable_from_other_machines_are_told_apart(string urls, string? exposed) =>
        Assert.Equal(exposed, Orchestrated.Server.Security.ListenAddresses.FirstReachableFromOutside(urls));

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
