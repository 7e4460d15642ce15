namespace Orchestrated.Workflows.Definitions;

/// <summary>A DAG definition that cannot be loaded; <see cref="Errors"/> lists every problem found, not just the first.</summary>
public sealed class DagDefinitionException(IReadOnlyList<DefinitionError> errors)
    : Exception("Invalid DAG definition:\n  " + string.Join("\n  ", errors))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}
