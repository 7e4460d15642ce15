namespace Orchestrated.Workflows.Partitions;

/// <summary>One partition as the ledger recorded it: who wrote it, when, and from which inputs.</summary>
public sealed record LedgerPartition(
    string Dataset,
    DateOnly Date,
    string Key,
    string Version,
    string TaskId,
    long RunId,
    DateTime WrittenAt,
    DateTime? TryStartedAt,
    bool QualityPassed,
    long RowsWritten,
    IReadOnlyList<LedgerInput> Inputs,
    IReadOnlyList<DateOnly> ContentDates);
