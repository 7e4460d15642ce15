namespace Orchestrated.Domain.Sessions;

/// <summary>A session that later events may still extend, as it stands at one moment.</summary>
/// <param name="Device">The first event's device: the stream's device when splitting on device, as the contract says otherwise.</param>
/// <param name="StartCertain">
/// False when the session began so close to the start of the events read that an earlier, unread event could
/// belong to it: its true start (and so where the 24 h cap falls) is then unknown until more history is read.
/// </param>
public readonly record struct OpenSession(
    StreamKey Key,
    int Device,
    long Start,
    long Last,
    int EventCount,
    int DistinctTimestamps,
    int PagesVisited,
    double ActiveTimeSec,
    bool StartedByCap,
    bool StartCertain);
