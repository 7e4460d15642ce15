namespace Orchestrated.Contracts;

public static class StepQueues
{
    /// <summary>The queue a step type's workers consume from.</summary>
    public static string For(string step) => $"orchestrated-step-{step}";

    /// <summary>Where the server consumes the workers' reports.</summary>
    public const string Server = "orchestrated-server";
}
