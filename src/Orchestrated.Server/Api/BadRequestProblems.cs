using Microsoft.AspNetCore.Diagnostics;

namespace Orchestrated.Server.Api;

/// <summary>
/// A parameter that does not bind or a body that is not the JSON expected answers 400 with what was wrong ("Failed to
/// bind parameter "int limit" from "abc"."), not a bare "Bad Request": the caller learns which value to fix.
/// </summary>
public sealed class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        context.Response.StatusCode = bad.StatusCode;
        var detail = bad.InnerException is System.Text.Json.JsonException json ? json.Message : null;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Title = bad.Message, Detail = detail },
        });
    }
}
