using System.Net;
using System.Net.Http.Json;

namespace Orchestrated.Server.Tests.Api;

/// <summary>Behind a proxy that ends TLS, the login cookie is marked Secure, HttpOnly and SameSite=Strict.</summary>
public sealed class SecureCookieTests(HardenedServer server) : IClassFixture<HardenedServer>
{
    [Fact]
    public async Task The_login_cookie_is_secure_http_only_and_strict()
    {
        var login = await server.CreateClient()
            .PostAsJsonAsync("/auth/login", new { user = SecuredServer.AdminUser, password = SecuredServer.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"), c => c.StartsWith("orchestrated=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
