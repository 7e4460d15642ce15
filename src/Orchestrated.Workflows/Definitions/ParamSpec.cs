namespace Orchestrated.Workflows.Definitions;

public sealed record ParamSpec(string Name, ParamKind Kind, string Description, long? Min = null, long? Max = null, string? Default = null);
