using Orchestrated.Storage.Layout;
using Orchestrated.Workflows.Definitions;

namespace Orchestrated.Pipeline.Steps;

/// <summary>
/// The steps a process knows, by name: the one list every other view of "what a step is" is derived from — the
/// catalog DAGs are validated against, the params a worker applies, the datasets the ledger tracks, the CLI's steps.
/// A new step is a descriptor in a file of its own and one line here (or a registry built with it, as tests do).
/// </summary>
public sealed class StepRegistry
{
    public static StepRegistry Standard { get; } = new(
    [
        new IngestDescriptor(),
        new CleanDescriptor(),
        new SessionizeDescriptor(),
        new AggregateDescriptor(),
        new ReconcileDescriptor(),
        new FeaturesDescriptor(),
        new CoursesDescriptor(),
        new TrainDropoutDescriptor(),
        new ScoreStudentsDescriptor(),
        new TrainAnomalyDescriptor(),
        new TrainEarlyWarningDescriptor(),
        new ScoreSessionsDescriptor(),
        new NoOpDescriptor(),
    ]);

    private readonly Dictionary<string, StepDescriptor> _steps;

    public StepRegistry(IEnumerable<StepDescriptor> steps)
    {
        Steps = steps.ToList();
        _steps = Steps.ToDictionary(s => s.Name);
        Catalog = new StepCatalog(Steps.Select(TypeOf));
        Datasets = Steps.SelectMany(s => s.Writes).Distinct().ToList();
    }

    public IReadOnlyList<StepDescriptor> Steps { get; }

    /// <summary>What DAG validation and the API know of the steps (names, params with their defaults, partition mappings).</summary>
    public StepCatalog Catalog { get; }

    /// <summary>Every dataset a step writes, with where it lives under the storage root.</summary>
    public IReadOnlyList<Dataset> Datasets { get; }

    /// <summary>
    /// The steps of the data pipeline in the order the CLI's <c>run</c> takes them (<see cref="StepDescriptor.InPipeline"/>).
    /// </summary>
    public IReadOnlyList<string> DataSteps => Steps.Where(s => s.InPipeline).Select(s => s.Name).ToList();

    public StepDescriptor? Find(string name) => _steps.GetValueOrDefault(name);

    public StepDescriptor Get(string name) => Find(name)
        ?? throw new ArgumentException($"Unknown step '{name}': expected one of {string.Join(", ", _steps.Keys)}.");

    /// <summary>
    /// <paramref name="settings"/> with a task's params applied, each by the setting its step binds; an unknown param
    /// is an error, never ignored.
    /// </summary>
    public StepSettings Apply(string step, StepSettings settings, IReadOnlyDictionary<string, string> parameters)
    {
        var descriptor = Get(step);
        foreach (var (name, value) in parameters)
        {
            var expected = descriptor.Params.Count > 0
                ? $" (expected one of: {string.Join(", ", descriptor.Params.Select(p => p.Name))})."
                : ".";
            var param = descriptor.Params.FirstOrDefault(p => p.Name == name)
                ?? throw new ArgumentException($"Step '{step}' has no param '{name}'{expected}");
            settings = param.Bind(settings, value);
        }
        return settings;
    }

    private StepType TypeOf(StepDescriptor step) => new(step.Name, step.Description, step.Params.Select(p => p.Spec).ToList(),
        context => new Orchestrated.Workflows.Partitions.TaskPartitions(step.Writes.Select(d => d.Name).ToList(),
            step.Reads(Apply(step.Name, StepSettings.Defaults, context.Params), context.LateArrivalDays)));
}
