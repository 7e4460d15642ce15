namespace Orchestrated.Domain.Live;

/// <summary>
/// An open session in a checkpoint, in text: its stream's key (null where the key does not split by that field), the
/// session's device, its counts so far and the distinct pages it has seen.
/// </summary>
public sealed record OpenSessionState(string Student, string? KeyDevice, string? KeyBrowser, string? KeyNetwork, string? Device,
    long Start, long Last, int EventCount, int DistinctTimestamps, double ActiveTimeSec, bool StartedByCap, bool StartCertain,
    IReadOnlyList<string> Pages);
