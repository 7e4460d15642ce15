namespace Orchestrated.Server.Security;

/// <summary>
/// Any web page a user visits could otherwise pause a DAG or clear a task with a plain cross-site form POST (no body
/// needed), riding on the login cookie — or, on an open embedded server, on nothing at all. A request that changes
/// state must therefore be JSON or NDJSON (types no page can send cross-site without a CORS preflight, which this server never
/// grants) or carry an API key, and a browser request from another origin is refused outright. Reads are not
/// affected; nothing is parsed before the check.
/// </summary>
public sealed class CrossSiteGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (ChangesState(request) && Refusal(request) is { } why)
        {
            context.Response.StatusCode = why.Status;
            await Results.Problem(title: why.Title, statusCode: why.Status).ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private static bool ChangesState(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        && (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/auth"));

    private static (int Status, string Title)? Refusal(HttpRequest request)
    {
        if (request.Headers["Sec-Fetch-Site"].ToString() is "cross-site" or "same-site")
            return (StatusCodes.Status403Forbidden, "Cross-site requests may not change anything.");
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !SameOrigin(origin, request))
            return (StatusCodes.Status403Forbidden, $"Requests from {origin} may not change anything here.");
        if (request.Headers.ContainsKey(ApiKeyHandler.Header)) return null;
        if (request.ContentType is not { } type || !(type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
                                                      || type.StartsWith("application/x-ndjson", StringComparison.OrdinalIgnoreCase)))
            return (StatusCodes.Status415UnsupportedMediaType,
                "A request that changes state must be sent as Content-Type: application/json (or with an API key).");
        return null;
    }

    /// <summary>
    /// Host and port only: behind a proxy that ends TLS the page is https and the request here http, yet the same
    /// site. A proxy must pass the Host header on (or the page's origin is refused, which fails safe).
    /// </summary>
    private static bool SameOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
