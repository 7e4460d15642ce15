using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Orchestrated.Server.Security;

/// <summary>The people's login: sign in with the admin user (a cookie), sign out, and who am I.</summary>
public static class AuthEndpoints
{
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
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                ApiKeyHandler.Principal(auth.AdminUser, Role.Operator, "login"));
            return Results.Ok(new { user = auth.AdminUser, role = "operator" });
        }).WithTags("Auth").AllowAnonymous().RequireRateLimiting(LoginRateLimit.Policy).WithName("Login")
            .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Sign in as the admin user: sets the login cookie. Attempts per client address are rate-limited.");
        app.MapPost("/auth/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Ok();
        }).WithTags("Auth").AllowAnonymous().WithName("Logout").WithSummary("Sign out: clears the login cookie.");
        app.MapGet("/auth/me", (HttpContext c) => Results.Ok(new
        {
            authenticationRequired = auth.Enabled,
            user = c.User.Identity?.IsAuthenticated == true ? c.User.Identity.Name : null,
            role = !auth.Enabled ? "operator"
                : c.User.IsInRole(nameof(Role.Operator)) ? "operator"
                : c.User.IsInRole(nameof(Role.Viewer)) ? "viewer"
                : null,
        })).WithTags("Auth").AllowAnonymous().WithName("WhoAmI")
            .WithSummary("Whether authentication is on, and the caller's name and role.");
    }

    public sealed record LoginRequest(string? User, string? Password);
}
