using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Orchestrated.Server.Tests.Support;

namespace Orchestrated.Server.Tests.Api;

/// <summary>The embedded server with authentication configured: a viewer key, an operator key, an admin login.</summary>
public sealed class SecuredServer : EmbeddedServer
{
    public const string ViewerKey = "viewer-key-for-tests-0123456789", OperatorKey = "operator-key-for-tests-9876543210";
    public const string AdminUser = "admin", AdminPassword = "a-long-admin-password";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Orchestrated:Auth:ApiKeys:0:Name", "dashboards");
        builder.UseSetting("Orchestrated:Auth:ApiKeys:0:Key", ViewerKey);
        builder.UseSetting("Orchestrated:Auth:ApiKeys:0:Role", "Viewer");
        builder.UseSetting("Orchestrated:Auth:ApiKeys:1:Name", "airflow-bridge");
        builder.UseSetting("Orchestrated:Auth:ApiKeys:1:Key", OperatorKey);
        builder.UseSetting("Orchestrated:Auth:ApiKeys:1:Role", "Operator");
        builder.UseSetting("Orchestrated:Auth:AdminUser", AdminUser);
        builder.UseSetting("Orchestrated:Auth:AdminPassword", AdminPassword);
    }
}

public class SecurityTests(SecuredServer server) : IClassFixture<SecuredServer>
{
    private HttpClient Client(string? key = null)
    {
        var client = server.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    [Fact]
    public async Task Without_credentials_the_api_answers_401_but_health_stays_open()
    {
        var response = await Client().GetAsync("/api/dags");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("X-Api-Key", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client("not-a-key").GetAsync("/api/dags")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client().GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task A_viewer_reads_but_may_not_trigger_an_operator_may()
    {
        var viewer = Client(SecuredServer.ViewerKey);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/dags")).StatusCode);
        var refused = await viewer.PostAsJsonAsync("/api/dags/session_duration/runs", new { logicalDate = "2026-03-02" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("operator", await refused.Content.ReadAsStringAsync());

        var operatorClient = Client(SecuredServer.OperatorKey);
        var triggered = await operatorClient.PostAsJsonAsync("/api/dags/session_duration/runs", new { logicalDate = "2026-03-03" });
        Assert.Equal(HttpStatusCode.Created, triggered.StatusCode);
    }

    [Fact]
    public async Task People_sign_in_with_the_admin_login_and_act_as_operators()
    {
        var browser = Client();
        var wrong = await browser.PostAsJsonAsync("/auth/login", new { user = SecuredServer.AdminUser, password = "guess" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var login = await browser.PostAsJsonAsync("/auth/login", new { user = SecuredServer.AdminUser, password = SecuredServer.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/api/dags/session_duration/pause", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsync("/api/dags/session_duration/unpause", null)).StatusCode);
        var me = await browser.GetFromJsonAsync<System.Text.Json.JsonElement>("/auth/me");
        Assert.Equal("operator", me.GetProperty("role").GetString());
        await browser.PostAsync("/auth/logout", null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/dags")).StatusCode);
    }
}

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
