using Orchestrated.Server.Operations;
using Orchestrated.Workflows.Definitions;

namespace Orchestrated.Server.Api;

/// <summary>Turns refused requests into problem details (RFC 9457): 404, 400 with every error, 409.</summary>
public sealed class ApiErrors : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (OperationException e)
        {
            var status = e.Error switch { OperationError.NotFound => 404, OperationError.Conflict => 409, _ => 400 };
            return Results.Problem(title: e.Message, statusCode: status,
                extensions: e.Details.Count > 0 ? new Dictionary<string, object?> { ["errors"] = e.Details } : null);
        }
        catch (DagDefinitionException e)
        {
            return Results.Problem(title: "Invalid DAG definition.", statusCode: 400,
                extensions: new Dictionary<string, object?> { ["errors"] = e.Errors.Select(x => x.ToString()).ToList() });
        }
    }

    public static OperationException Invalid(string message) => new(OperationError.Invalid, message);
}
