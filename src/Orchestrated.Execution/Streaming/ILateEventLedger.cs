namespace Orchestrated.Execution.Streaming;

/// <summary>
/// Where the stream tells the batch side about late events, so the dates they belong to show stale and re-run. A file
/// recorded again (a partition read again by a new owner writes the same files) changes nothing.
/// </summary>
public interface ILateEventLedger
{
    Task RecordAsync(IReadOnlyList<LateEventFile> files, CancellationToken ct);
}
