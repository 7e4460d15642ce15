using Orchestrated.Ui.Tests.Support;

namespace Orchestrated.Ui.Tests;

/// <summary>The server with an admin login configured.</summary>
public sealed class SecuredUiServer : UiServer
{
    public const string User = "admin", Password = "correct-horse-battery-staple";
    protected override string[] ExtraArguments => ["--Orchestrated:Auth:AdminUser", User, "--Orchestrated:Auth:AdminPassword", Password];
}
