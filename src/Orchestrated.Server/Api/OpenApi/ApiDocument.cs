using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Orchestrated.Server.Api.OpenApi;

/// <summary>
/// What the whole document says beyond the endpoints: who we are, where the API is, the tags, how to authenticate (an API key header or
/// the login cookie, required everywhere except where an operation says otherwise) and the problem details shape
/// every refusal uses. A client generated from it then knows how to sign its requests and what a 4xx carries.
/// </summary>
public sealed class ApiDocument : IOpenApiDocumentTransformer
{
    public const string ApiKeyScheme = "apiKey";
    public const string CookieScheme = "loginCookie";
    public const string ProblemSchema = "ProblemDetails";

    private static readonly Dictionary<string, string> Tags = new()
    {
        ["Auth"] = "The people's login (a cookie) and who the caller is.",
        ["DAGs"] = "Workflow definitions: schedule, tasks, versions; pause and resume.",
        ["Runs"] = "Runs of a DAG, their task instances and tries: trigger, clear, mark.",
        ["Backfills"] = "Reprocess a range of dates: plan, start, follow and cancel.",
        ["Alerts"] = "Failure, retry and SLA alerts, and their acknowledgement.",
        ["Partitions"] = "The partition ledger: which dataset of which date is final, provisional, stale or missing.",
        ["Data"] = "What the pipeline produced: daily engagement figures and one date's rows and data quality.",
        ["Steps"] = "The step types a DAG may use and their parameters.",
        ["Events"] = "The collector: a platform posts events as they happen; they are checked, landed raw and streamed.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Orchestrated";
        document.Info.Description =
            "Sessions and daily engagement statistics from a learning platform's events, run as an orchestrated pipeline. " +
            "Reads need a viewer, changes an operator; every refusal is an RFC 9457 problem details document.";
        // Relative: the API is where the document was fetched from, also behind a proxy that rewrites the host.
        document.Servers = [new OpenApiServer { Url = "/" }];
        document.Tags = Tags.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }).ToHashSet();
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [ApiKeyScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "X-Api-Key",
                Description = "A key from Orchestrated:Auth:ApiKeys; its role (viewer or operator) decides what it may do.",
            },
            [CookieScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Cookie, Name = "orchestrated",
                Description = "The cookie POST /auth/login sets for the admin user (an operator).",
            },
        };
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, document)] = [] },
        ];
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas.TryAdd(ProblemSchema, Problem());
        return Task.CompletedTask;
    }

    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details; `errors` lists every reason when there are several.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
        },
    };
}
