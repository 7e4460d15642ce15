namespace Orchestrated.Server.Security;

/// <summary>
/// Headers on every response: the UI's pages run only the scripts this server serves (no inline or foreign script,
/// so injected markup cannot act), may not be framed by another site (clickjacking a "clear" button), and no
/// response is sniffed into another content type. Inline style attributes stay allowed: the UI sets a few, and a style
/// cannot act on the API.
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        return next(context);
    }
}
