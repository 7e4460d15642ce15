using Microsoft.AspNetCore.Authorization;

namespace Orchestrated.Server.Security;

/// <summary>
/// Reads need a viewer; posting events needs an ingest key (or an operator); anything else that changes state needs an
/// operator. Checked as middleware, before the endpoint
/// runs, so a request without a key is refused 401 before its body is read or parsed (an endpoint filter would only
/// run after model binding: a malformed body answered 400 and a large one was read first).
/// </summary>
public sealed class AccessGate(RequestDelegate next, IAuthorizationService authorization)
{
    /// <summary>Where collectors post events: the one change an ingest key may make.</summary>
    public const string CollectorPath = "/api/events";

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }
        var policy = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? SecurityRegistration.Viewers
            : request.Path.StartsWithSegments(CollectorPath) ? SecurityRegistration.Ingesters
            : SecurityRegistration.Operators;
        if ((await authorization.AuthorizeAsync(context.User, policy)).Succeeded)
        {
            await next(context);
            return;
        }
        var needs = policy == SecurityRegistration.Operators ? "an operator"
            : policy == SecurityRegistration.Ingesters ? "an ingest key or an operator"
            : "a viewer";
        var (status, title) = context.User.Identity?.IsAuthenticated == true
            ? (StatusCodes.Status403Forbidden, $"Your role may not do this: it needs {needs}.")
            : (StatusCodes.Status401Unauthorized, "Sign in (the UI) or send an API key in the X-Api-Key header.");
        await Results.Problem(title: title, statusCode: status).ExecuteAsync(context);
    }
}
