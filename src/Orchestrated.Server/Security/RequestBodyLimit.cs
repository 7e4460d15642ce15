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
        // An endpoint made for large bodies (the collector) says its own limit; every other one has the API's.
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.Bytes ?? _limit;
        if (context.Request.ContentLength > limit)
        {
            await Results.Problem(title: $"The request body is larger than this endpoint takes ({limit / 1024:N0} KB).",
                statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(context);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = limit;
        await next(context);
    }
}
