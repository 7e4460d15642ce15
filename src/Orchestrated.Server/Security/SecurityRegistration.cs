using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;

namespace Orchestrated.Server.Security;

/// <summary>
/// Viewers read (GET); operators act (trigger, backfill, clear, mark, pause, edit the DAG). Machines use API keys,
/// people the admin login (a cookie). Without configuration everyone is an operator (the embedded default).
/// </summary>
public static class SecurityRegistration
{
    public const string Viewers = "viewers";
    public const string Operators = "operators";
    public const string Ingesters = "ingesters";
    private const string Policy = "ApiKeyOrCookie";

    public static IServiceCollection AddOrchestratedSecurity(this IServiceCollection services, AuthOptions auth)
    {
        services.AddSingleton(auth);
        services.AddAuthentication(Policy)
            .AddPolicyScheme(Policy, "API key or login", o => o.ForwardDefaultSelector = c =>
                c.Request.Headers.ContainsKey(ApiKeyHandler.Header)
                    ? ApiKeyHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null)
            .AddCookie(o =>
            {
                o.Cookie.Name = "orchestrated";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = auth.SecureCookie ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.SlidingExpiration = true;
                // An API answers 401/403; it never redirects to a login page.
                o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = 401; return Task.CompletedTask; };
                o.Events.OnRedirectToAccessDenied = c => { c.Response.StatusCode = 403; return Task.CompletedTask; };
            });
        services.AddAuthorization(o =>
        {
            if (auth.Enabled)
            {
                o.AddPolicy(Viewers, p => p.RequireRole(nameof(Role.Viewer), nameof(Role.Operator)));
                o.AddPolicy(Operators, p => p.RequireRole(nameof(Role.Operator)));
                o.AddPolicy(Ingesters, p => p.RequireRole(nameof(Role.Ingest), nameof(Role.Operator)));
            }
            else
            {
                o.AddPolicy(Viewers, p => p.RequireAssertion(_ => true));
                o.AddPolicy(Operators, p => p.RequireAssertion(_ => true));
                o.AddPolicy(Ingesters, p => p.RequireAssertion(_ => true));
            }
        });
        services.AddLoginRateLimit(auth);
        return services;
    }
}
