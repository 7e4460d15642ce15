using System.Text.RegularExpressions;
using Orchestrated.Server.Tests.Support;

namespace Orchestrated.Server.Tests.Api;

/// <summary>Pages run only the server's own scripts and cannot be framed; no response is sniffed into another type.</summary>
[Trait("Probe", "hostile")]
public sealed class SecurityHeadersTests(EmbeddedServer server) : IClassFixture<EmbeddedServer>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/login.html")]
    [InlineData("/js/app.js")]
    [InlineData("/api/dags")]
    [InlineData("/api/runs/999999")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var response = await server.CreateClient().GetAsync(path);
        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/login.html")]
    public async Task Pages_hold_no_inline_script_the_policy_would_block(string path)
    {
        var html = await server.CreateClient().GetStringAsync(path);
        var scripts = Regex.Matches(html, "<script[^>]*>", RegexOptions.IgnoreCase);
        Assert.NotEmpty(scripts);
        Assert.All(scripts, s => Assert.Contains("src=", s.Value));
        Assert.DoesNotMatch("<script[^>]*>\\s*\\S", Regex.Replace(html, "<script[^>]*src=[^>]*>\\s*</script>", ""));
    }

    [Fact]
    public async Task The_login_page_returns_only_to_a_view_of_this_app()
    {
        var script = await server.CreateClient().GetStringAsync("/js/login.js");
        Assert.Contains("'#/dag'", script);
        Assert.Contains("^#\\/", script); // a hash such as #//evil.example does not pass
    }
}
