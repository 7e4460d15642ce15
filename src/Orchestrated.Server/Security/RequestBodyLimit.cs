using Microsoft.AspNetCore.Http.Features;

namespace Orchestrated.Server.Security;

/// <summary>
/// Bounds what a client can make the server read: a declared length over the limit is refused 413 at once, and the
/// server's own limit (Kestrel's) stops a chunked body at the same size while it is read.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next, ServerOptions options)
{
    private readonly long _limit = options.MaxRequestBodyKilobytes * 1024L;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > _limit)
        {
            await Results.Problem(title: $"The request body is larger than this server takes ({options.MaxRequestBodyKilobytes} KB).",
                statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = _limit;
        await next(context);
    }
}
