namespace Orchestrated.Workflows.Definitions;

/// <summary>One thing wrong with a DAG definition, located by file and JSON path (<c>$.tasks[2].step</c>).</summary>
public sealed record DefinitionError(string Source, string Path, string Message)
{
    public override string ToString() => $"{Source}: {Path}: {Message}";
}

/// <summary>A DAG definition that cannot be loaded; <see cref="Errors"/> lists every problem found, not just the first.</summary>
public sealed class DagDefinitionException(IReadOnlyList<DefinitionError> errors)
    : Exception("Invalid DAG definition:\n  " + string.Join("\n  ", errors))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}
