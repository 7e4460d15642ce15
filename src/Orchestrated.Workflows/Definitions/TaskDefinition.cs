namespace Orchestrated.Workflows.Definitions;

/// <summary>One node of the DAG: which step it runs, after which tasks, with which parameters and settings.</summary>
public sealed record TaskDefinition(
    string Id,
    string Step,
    IReadOnlyList<string> Upstream,
    IReadOnlyDictionary<string, string> Params,
    TaskSettings Settings,
    string? Description = null);
