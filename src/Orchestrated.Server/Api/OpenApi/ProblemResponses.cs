using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Orchestrated.Server.Api.OpenApi;

/// <summary>
/// Declares on every operation the refusals the server really gives, by the rule that produces them rather than by
/// hand on each endpoint: a malformed or out-of-range parameter or body or a foreign Host (400), no or a wrong key (401), a role that
/// may not (403), an unknown id in the path (404), a body too large or not JSON on a change (413, 415). Anonymous
/// operations say they need no authentication. Endpoint-specific refusals (409, 429) are declared where they arise.
/// </summary>
public sealed class ProblemResponses : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var changes = description.HttpMethod is not ("GET" or "HEAD");
        var anonymous = description.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
        var responses = operation.Responses ??= new OpenApiResponses();
        var document = context.Document!;
        void Add(int status, string why)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (responses.ContainsKey(key)) return;
            responses[key] = new OpenApiResponse
            {
                Description = why,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ApiDocument.ProblemSchema, document) },
                },
            };
        }

        Add(400, description.ParameterDescriptions.Count > 0 || changes
            ? "A parameter or the body is malformed or out of range, or the Host is not one this server answers to."
            : "The Host header is not one this server answers to (Orchestrated's AllowedHosts).");
        if (!anonymous)
        {
            Add(401, "No API key or login, or an unknown key.");
            Add(403, changes ? "The caller is a viewer; this needs an operator." : "The caller's role may not read this.");
        }
        else
        {
            operation.Security = [];
            if (changes) Add(403, "Refused: a cross-site request may not change anything.");
        }
        if (description.ParameterDescriptions.Any(p => p.Source == BindingSource.Path)) Add(404, "No such item.");
        if (changes)
        {
            Add(413, "The body is larger than the server takes (Orchestrated:Server:MaxRequestBodyKilobytes).");
            Add(415, "A change must be sent as application/json (or with an API key); cross-site requests are refused.");
        }
        return Task.CompletedTask;
    }
}
