using System.Globalization;
using Microsoft.AspNetCore.Hosting;

namespace Orchestrated.Server.Tests.Api;

/// <summary>The secured server with few login attempts a minute, a login cookie for HTTPS only and a small body limit.</summary>
public sealed class HardenedServer : SecuredServer
{
    public const int LoginAttempts = 3, BodyKilobytes = 64;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Orchestrated:Auth:LoginAttemptsPerMinute", LoginAttempts.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Orchestrated:Auth:SecureCookie", "true");
        builder.UseSetting("Orchestrated:Server:MaxRequestBodyKilobytes", BodyKilobytes.ToString(CultureInfo.InvariantCulture));
    }
}
