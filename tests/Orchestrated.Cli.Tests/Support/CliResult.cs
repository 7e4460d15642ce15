namespace Orchestrated.Cli.Tests.Support;

/// <summary>What one invocation of the tool printed and how it exited.</summary>
public sealed record CliResult(int ExitCode, string Output)
{
    public IReadOnlyList<string> Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
