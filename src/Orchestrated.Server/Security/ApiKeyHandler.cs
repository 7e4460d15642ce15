using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Orchestrated.Server.Security;

/// <summary>Authenticates machines by the <c>X-Api-Key</c> header; keys are compared in constant time and never logged.</summary>
public sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AuthOptions auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    private readonly IReadOnlyList<(string Name, string Key, Role Role)> _keys = auth.Keys();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var presented) || presented.Count == 0)
            return Task.FromResult(AuthenticateResult.NoResult());
        var bytes = Encoding.UTF8.GetBytes(presented.ToString());
        foreach (var (name, key, role) in _keys)
            if (CryptographicOperations.FixedTimeEquals(bytes, Encoding.UTF8.GetBytes(key)))
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(Principal(name, role, SchemeName), SchemeName)));
        return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
    }

    public static ClaimsPrincipal Principal(string name, Role role, string scheme) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role.ToString())], scheme));
}
