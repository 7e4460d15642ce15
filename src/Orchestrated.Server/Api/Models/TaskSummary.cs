namespace Orchestrated.Server.Api;

// What the REST API answers and accepts. States are the lower-case names the UI and the CLI show.

public sealed record TaskSummary(string TaskId, string Step, IReadOnlyList<string> Upstream, IReadOnlyDictionary<string, string> Params,
    int Retries, string RetryDelay, bool ExponentialBackoff, string MaxRetryDelay, string ExecutionTimeout, string? Sla,
    string? Description, IReadOnlyList<string> Writes, IReadOnlyList<string> Reads);
