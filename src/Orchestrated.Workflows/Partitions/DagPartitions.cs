using Orchestrated.Workflows.Definitions;

namespace Orchestrated.Workflows.Partitions;

/// <summary>
/// The partition mappings of one DAG: which task produces each dataset, and which partitions each task reads for a
/// date. Built from the step catalog, so a step declares its mapping once and every reader derives it from there.
/// </summary>
public sealed class DagPartitions
{
    private readonly DagDefinition _dag;
    private readonly StepCatalog _catalog;
    private readonly Dictionary<string, string> _producers = [];
    private readonly Dictionary<string, TaskPartitions> _declared = [];

    public DagPartitions(DagDefinition dag, StepCatalog catalog)
    {
        (_dag, _catalog) = (dag, catalog);
        foreach (var task in dag.Tasks)
        {
            var partitions = Resolve(task, task.Params);
            _declared[task.Id] = partitions;
            foreach (var dataset in partitions.Writes) _producers.TryAdd(dataset, task.Id);
        }
        CrossDate = _declared.Values.Any(p => p.Reads.Any(w => _producers.ContainsKey(w.Dataset) && (w.From != 0 || w.To != 0)));
    }

    /// <summary>Whether any task reads another date's partitions that this DAG produces (if not, runs never wait on each other).</summary>
    public bool CrossDate { get; }

    /// <summary>Datasets the DAG writes, in task order, each with its producing task.</summary>
    public IEnumerable<(string Dataset, string TaskId)> Produced =>
        _dag.Tasks.SelectMany(t => _declared[t.Id].Writes.Select(d => (d, t.Id)));

    /// <summary>The task that writes <paramref name="dataset"/>, or null when the data comes from outside the DAG.</summary>
    public string? ProducerOf(string dataset) => _producers.GetValueOrDefault(dataset);

    /// <summary>The task's mapping with its own params.</summary>
    public TaskPartitions Of(string taskId) => _declared.GetValueOrDefault(taskId) ?? TaskPartitions.None;

    /// <summary>The task's mapping with a run's param overrides applied (a longer session cap reads further ahead).</summary>
    public TaskPartitions Of(TaskDefinition task, IReadOnlyDictionary<string, string> effectiveParams) =>
        ReferenceEquals(effectiveParams, task.Params) ? _declared[task.Id] : Resolve(task, effectiveParams);

    /// <summary>The windows of a task over datasets this DAG produces: the only ones to wait for or to judge finality by.</summary>
    public IEnumerable<PartitionWindow> ProducedReads(TaskPartitions partitions) =>
        partitions.Reads.Where(w => _producers.ContainsKey(w.Dataset));

    private TaskPartitions Resolve(TaskDefinition task, IReadOnlyDictionary<string, string> parameters) =>
        _catalog.Find(task.Step)?.Partitions(new PartitionContext(parameters, _dag.LateArrivalDays)) ?? TaskPartitions.None;
}
