namespace Orchestrated.Workflows.Definitions;

/// <summary>One thing wrong with a DAG definition, located by file and JSON path (<c>$.tasks[2].step</c>).</summary>
public sealed record DefinitionError(string Source, string Path, string Message)
{
    public override string ToString() => $"{Source}: {Path}: {Message}";
}
