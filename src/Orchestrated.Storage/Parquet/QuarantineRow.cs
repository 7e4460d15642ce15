namespace Orchestrated.Storage.Parquet;

/// <summary>A raw line that did not become an event: the contract's reason, where it came from, and why.</summary>
public sealed record QuarantineRow(string Reason, string SourceFile, long SourceLine, string? Detail, string? Raw);
