using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Orchestrated.Server.Tests.Api;

/// <summary>
/// Who is asking is settled before anything else: a request without a key is refused 401 before its body is read or
/// parsed; bodies are bounded; password guessing is rate-limited; the login cookie can be kept to HTTPS.
/// </summary>
[Trait("Probe", "hostile")]
public sealed class AccessTests(HardenedServer server) : IClassFixture<HardenedServer>
{
    private const string Trigger = "/api/dags/session_duration/runs";

    private HttpClient Client(string? key = null)
    {
        var client = server.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    [Fact]
    public async Task A_malformed_body_without_a_key_is_refused_401_not_400()
    {
        using var response = await Client().PostAsync(Trigger, new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_413_with_a_problem_even_for_an_operator()
    {
        var json = "{\"logicalDate\":\"2026-03-02\",\"note\":\"" + new string('x', HardenedServer.BodyKilobytes * 1024) + "\"}";
        using var body = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await Client(SecuredServer.OperatorKey).PostAsync(Trigger, body);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_value_that_does_not_bind_is_named_in_the_problem()
    {
        using var response = await Client(SecuredServer.ViewerKey).GetAsync("/api/dags/session_duration/runs?limit=many");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("limit", await response.Content.ReadAsStringAsync());
        using var range = await Client(SecuredServer.ViewerKey).GetAsync("/api/dags/session_duration/runs?limit=0");
        Assert.Equal(HttpStatusCode.BadRequest, range.StatusCode);
        Assert.Contains("between 1 and 1000", await range.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_attempts_beyond_the_limit_are_answered_429_even_with_the_right_password()
    {
        var client = Client();
        for (var i = 0; i < HardenedServer.LoginAttempts; i++)
            Assert.Equal(HttpStatusCode.Unauthorized,
                (await client.PostAsJsonAsync("/auth/login", new { user = SecuredServer.AdminUser, password = $"guess-{i}" })).StatusCode);
        using var limited =
            await client.PostAsJsonAsync("/auth/login", new { user = SecuredServer.AdminUser, password = SecuredServer.AdminPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter is not null, "no Retry-After");
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
    }
}
