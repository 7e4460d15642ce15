using Microsoft.Extensions.Logging;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Pipeline.Steps;

/// <summary>
/// Everything that makes a step a step, in one file per step: its name and description, its params and the settings
/// they bind, the datasets it writes (with where they live), the partitions it reads relative to its date, and its
/// run function. The catalog, DAG validation, the workers, the ledger, the CLI and the UI all derive from these.
/// </summary>
public abstract class StepDescriptor
{
    public abstract string Name { get; }
    public abstract string Description { get; }
    public virtual IReadOnlyList<StepParam> Params => [];
    /// <summary>The datasets it writes, the first its main one (the one the partitions page shows for it).</summary>
    public virtual IReadOnlyList<Dataset> Writes => [];

    /// <summary>
    /// Whether it is a step of the batch pipeline the CLI's <c>run</c> and <c>bench</c> take (one that writes data), or
    /// a check beside it that only a DAG runs.
    /// </summary>
    public virtual bool InPipeline => Writes.Count > 0;

    /// <summary>
    /// The partitions it reads for a date, with its settings (defaults, then the task's params) and the DAG's late window.
    /// </summary>
    public virtual IReadOnlyList<PartitionWindow> Reads(StepSettings settings, int lateArrivalDays) => [];

    public abstract Task<StepResult> RunAsync(StepContext context, DateOnly date, IProgress<double>? progress, CancellationToken ct);
}
