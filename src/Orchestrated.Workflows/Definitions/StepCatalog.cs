namespace Orchestrated.Workflows.Definitions;

/// <summary>
/// The step types a DAG may use, the parameters each accepts and their partition mappings: what validation checks a
/// definition against. Built from the steps' descriptors (<c>Orchestrated.Pipeline.Steps.StepRegistry</c>).
/// </summary>
public sealed class StepCatalog
{
    private readonly Dictionary<string, StepType> _byName;

    public StepCatalog(IEnumerable<StepType> steps)
    {
        Steps = steps.ToList();
        _byName = Steps.ToDictionary(s => s.Name);
    }

    /// <summary>In the order they were registered.</summary>
    public IReadOnlyList<StepType> Steps { get; }

    public StepType? Find(string name) => _byName.GetValueOrDefault(name);
}
