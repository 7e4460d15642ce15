using System.Globalization;
using System.Threading.RateLimiting;

namespace Orchestrated.Server.Security;

/// <summary>
/// Password guessing is bounded per client address: a fixed number of login attempts per minute, the rest answered
/// 429 with Retry-After. Keys (machines) are not limited: a key is a long random secret, not a password.
/// </summary>
public static class LoginRateLimit
{
    public const string Policy = "login";

    public static IServiceCollection AddLoginRateLimit(this IServiceCollection services, AuthOptions auth)
    {
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(Policy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = auth.LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                }));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (rejected, ct) =>
            {
                var response = rejected.HttpContext.Response;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after))
                    response.Headers.RetryAfter = Math.Ceiling(after.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(title: "Too many login attempts from this address; wait a minute and try again.",
                    statusCode: StatusCodes.Status429TooManyRequests).ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }
}
