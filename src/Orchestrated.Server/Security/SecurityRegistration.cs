using System.Security.Cryptography;
using System.Text;
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
            }
            else
            {
                o.AddPolicy(Viewers, p => p.RequireAssertion(_ => true));
                o.AddPolicy(Operators, p => p.RequireAssertion(_ => true));
            }
        });
        return services;
    }

    public static void MapAuthEndpoints(this WebApplication app, AuthOptions auth)
    {
        app.MapPost("/auth/login", async (LoginRequest body, HttpContext context) =>
        {
            var password = auth.AdminPassword;
            if (string.IsNullOrEmpty(auth.AdminUser) || string.IsNullOrEmpty(password))
                return Results.Problem(title: "No login is configured.", statusCode: 404);
            var userOk =
                CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(body.User ?? ""), Encoding.UTF8.GetBytes(auth.AdminUser));
            var passwordOk =
                CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(body.Password ?? ""), Encoding.UTF8.GetBytes(password));
            if (!userOk || !passwordOk) return Results.Problem(title: "Wrong user name or password.", statusCode: 401);
            await context.SignInAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme,
                ApiKeyHandler.Principal(auth.AdminUser, Role.Operator, "login"));
            return Results.Ok(new { user = auth.AdminUser, role = "operator" });
        }).WithTags("Auth").AllowAnonymous();
        app.MapPost("/auth/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Ok();
        }).WithTags("Auth").AllowAnonymous();
        app.MapGet("/auth/me", (HttpContext c) => Results.Ok(new
        {
            authenticationRequired = auth.Enabled,
            user = c.User.Identity?.IsAuthenticated == true ? c.User.Identity.Name : null,
            role = !auth.Enabled ? "operator"
                : c.User.IsInRole(nameof(Role.Operator)) ? "operator"
                : c.User.IsInRole(nameof(Role.Viewer)) ? "viewer"
                : null,
        })).WithTags("Auth").AllowAnonymous();
    }

    public sealed record LoginRequest(string? User, string? Password);

    /// <summary>Reads need a viewer; anything that changes state needs an operator.</summary>
    public static RouteGroupBuilder RequireRoles(this RouteGroupBuilder api)
    {
        api.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var policy = HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) ? Viewers : Operators;
            var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
            var result = await authorization.AuthorizeAsync(http.User, policy);
            if (result.Succeeded) return await next(context);
            return http.User.Identity?.IsAuthenticated == true
                ? Results.Problem(title: $"Your role may not do this: it needs {(policy == Operators ? "an operator" : "a viewer")}.",
                    statusCode: 403)
                : Results.Problem(title: "Sign in (the UI) or send an API key in the X-Api-Key header.", statusCode: 401);
        });
        return api;
    }
}
