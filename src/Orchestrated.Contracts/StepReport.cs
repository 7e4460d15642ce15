namespace Orchestrated.Contracts;

/// <summary>A step's result as it crosses the broker: counts, files read and written, data-quality results.</summary>
public sealed record StepReport
{
    public required string Step { get; init; }
    public required DateOnly Date { get; init; }
    public long RowsRead { get; init; }
    public long RowsWritten { get; init; }
    public IReadOnlyDictionary<string, long> Quarantined { get; init; } = new Dictionary<string, long>();
    public long Duplicates { get; init; }
    public IReadOnlyList<ObjectVersion> Inputs { get; init; } = [];
    public IReadOnlyList<ObjectVersion> Outputs { get; init; } = [];
    /// <summary>Rows of each output by its key, when a step writes more than one (ingest: bronze and quarantine).</summary>
    public IReadOnlyDictionary<string, long> OutputRows { get; init; } = new Dictionary<string, long>();
    /// <summary>
    /// For a main output (the first) partitioned by arrival (bronze): the event dates it holds, which the ledger maps to
    /// their readers.
    /// </summary>
    public IReadOnlyList<DateOnly> ContentDates { get; init; } = [];
    public IReadOnlyList<QualityCheck> DataQuality { get; init; } = [];
    public IReadOnlyDictionary<string, long> Anomalies { get; init; } = new Dictionary<string, long>();
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public double DurationSeconds { get; init; }
}
