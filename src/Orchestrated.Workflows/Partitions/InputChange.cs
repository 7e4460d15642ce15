namespace Orchestrated.Workflows.Partitions;

/// <summary>Something a partition was built from that has changed since, and when.</summary>
public sealed record InputChange(string What, string? Dataset, DateOnly? Date, DateTime ChangedAt);
