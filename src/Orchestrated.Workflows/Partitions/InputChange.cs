namespace Orchestrated.Workflows.Partitions;

/// <summary>
/// Something a partition was built from that has changed since, and when. <see cref="Awaits"/> names the partition
/// that must be written first for a re-run to see the change (late events not yet ingested): until then re-running
/// would read what it read before.
/// </summary>
public sealed record InputChange(string What, string? Dataset, DateOnly? Date, DateTime ChangedAt, string? Awaits = null);
