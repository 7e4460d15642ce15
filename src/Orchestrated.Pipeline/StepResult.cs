using Orchestrated.Domain.Quality;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Pipeline;

/// <summary>
/// What one step did for one date: the counts that must balance, the files it read (with versions, so a later run
/// can tell whether its inputs changed) and wrote, its data-quality results and anomalies.
/// </summary>
public sealed record StepResult
{
    public required string Step { get; init; }
    public required DateOnly Date { get; init; }
    public long RowsRead { get; init; }
    public long RowsWritten { get; init; }
    public IReadOnlyDictionary<string, long> Quarantined { get; init; } = new Dictionary<string, long>();
    public long Duplicates { get; init; }
    public IReadOnlyList<StoredObject> Inputs { get; init; } = [];
    public IReadOnlyList<StoredObject> Outputs { get; init; } = [];
    /// <summary>Rows of each output by its key, when the step writes more than one (ingest: bronze and quarantine).</summary>
    public IReadOnlyDictionary<string, long> OutputRows { get; init; } = new Dictionary<string, long>();
    /// <summary>For an output partitioned by arrival (bronze): the event dates it holds.</summary>
    public IReadOnlyList<DateOnly> ContentDates { get; init; } = [];
    public IReadOnlyList<DataQualityResult> DataQuality { get; init; } = [];
    public IReadOnlyDictionary<string, long> Anomalies { get; init; } = new Dictionary<string, long>();
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public TimeSpan Duration { get; init; }

    public long QuarantinedTotal => Quarantined.Values.Sum();
}
