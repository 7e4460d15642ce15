namespace Orchestrated.Domain.Live;

/// <summary>An event held for order in a checkpoint, in text (symbols are a process's own numbering).</summary>
public sealed record HeldEvent(string Student, string? Device, string? Browser, string? Network, long Ts, string? Page,
    double? TimeSpentSec, byte[]? EventId);
