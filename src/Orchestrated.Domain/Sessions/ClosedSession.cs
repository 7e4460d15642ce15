namespace Orchestrated.Domain.Sessions;

/// <summary>A finished session, before its texts are resolved into an output row.</summary>
public readonly record struct ClosedSession(
    StreamKey Key,
    int Device,
    long Start,
    long End,
    int EventCount,
    int DistinctTimestamps,
    int PagesVisited,
    double ActiveTimeSec,
    bool Capped,
    bool StartCertain);
