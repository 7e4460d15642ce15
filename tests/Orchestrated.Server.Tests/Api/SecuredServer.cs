using Microsoft.AspNetCore.Hosting;
using Orchestrated.Server.Tests.Support;

namespace Orchestrated.Server.Tests.Api;

/// <summary>The embedded server with authentication configured: a viewer key, an operator key, an admin login.</summary>
public class SecuredServer : EmbeddedServer
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
