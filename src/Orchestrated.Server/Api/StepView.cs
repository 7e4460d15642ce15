namespace Orchestrated.Server.Api;

public sealed record StepView(string Name, string Description, IReadOnlyList<StepParamView> Params, IReadOnlyList<string> Writes,
    IReadOnlyList<string> Reads);
