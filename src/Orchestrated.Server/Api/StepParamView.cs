namespace Orchestrated.Server.Api;

public sealed record StepParamView(string Name, string Kind, string Description, string? Default, long? Min, long? Max);
