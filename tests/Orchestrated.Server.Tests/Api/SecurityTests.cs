using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Orchestrated.Server.Tests.Api;

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
        var login =
            await browser.PostAsJsonAsync("/auth/login", new { user = SecuredServer.AdminUser, password = SecuredServer.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync("/api/dags/session_duration/pause", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync("/api/dags/session_duration/unpause", new { })).StatusCode);
        var me = await browser.GetFromJsonAsync<System.Text.Json.JsonElement>("/auth/me");
        Assert.Equal("operator", me.GetProperty("role").GetString());
        await browser.PostAsJsonAsync("/auth/logout", new { });
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/dags")).StatusCode);
    }
}
