using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orchestrated.Server.Tests.Support;

namespace Orchestrated.Server.Tests.Api;

/// <summary>
/// Another web page must not be able to change anything, even on the open embedded server where nobody signs in:
/// a plain form POST (no body, no preflight) once paused the DAG.
/// </summary>
[Trait("Probe", "hostile")]
public sealed class CrossSiteTests(EmbeddedServer server) : IClassFixture<EmbeddedServer>
{
    private const string Pause = "/api/dags/session_duration/pause";

    private async Task<bool> PausedAsync() =>
        (await server.CreateClient().GetFromJsonAsync<JsonElement>("/api/dags/session_duration")).GetProperty("paused").GetBoolean();

    private async Task<HttpStatusCode> SendAsync(string contentType, string body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Pause) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await server.CreateClient().SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_cross_site_form_post_is_refused_and_changes_nothing()
    {
        Assert.Equal(HttpStatusCode.Forbidden,
            await SendAsync("application/x-www-form-urlencoded", "", ("Origin", "https://evil.example"), ("Sec-Fetch-Site", "cross-site")));
        Assert.False(await PausedAsync());
    }

    [Fact]
    public async Task A_simple_post_without_origin_is_refused_for_its_content_type()
    {
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, await SendAsync("text/plain", "x"));
        Assert.False(await PausedAsync());
    }

    [Fact]
    public async Task Json_from_another_origin_is_refused()
    {
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync("application/json", "{}", ("Origin", "http://attacker.test:5080")));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync("application/json", "{}", ("Sec-Fetch-Site", "same-site")));
        Assert.False(await PausedAsync());
    }

    [Fact]
    public async Task A_request_for_a_foreign_host_name_is_refused_so_dns_rebinding_reaches_nothing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/dags");
        request.Headers.Host = "attacker.example";
        using var response = await server.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Json_from_the_servers_own_page_still_works()
    {
        Assert.Equal(HttpStatusCode.OK,
            await SendAsync("application/json", "{}", ("Origin", "http://localhost"), ("Sec-Fetch-Site", "same-origin")));
        Assert.True(await PausedAsync());
        var unpause = await server.CreateClient().PostAsJsonAsync("/api/dags/session_duration/unpause", new { });
        Assert.Equal(HttpStatusCode.OK, unpause.StatusCode);
    }
}
