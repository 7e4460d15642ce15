using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Workflows.Definitions;

public enum ParamKind { Duration, Boolean, Integer }

public sealed record ParamSpec(string Name, ParamKind Kind, string Description, long? Min = null, long? Max = null, string? Default = null);

/// <summary>What a step's partition mapping depends on: the task's params (with a run's overrides) and the DAG's settings.</summary>
public sealed record PartitionContext(IReadOnlyDictionary<string, string> Params, int LateArrivalDays);

/// <param name="Partitions">What a task of this type writes and reads by date, given its params and the DAG's settings.</param>
public sealed record StepType(string Name, string Description, IReadOnlyList<ParamSpec> Params,
    Func<PartitionContext, TaskPartitions> Partitions);

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
