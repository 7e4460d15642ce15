namespace Orchestrated.Domain.Sessions;

/// <summary>What one date's sessionizing read and found, for the step's result and its data-quality checks.</summary>
public sealed class DaySessionStats
{
    public long EventsOfDay { get; set; }
    public long EventsContinuingEarlierSessions { get; set; }
    public long EventsReadAheadIntoOwnedSessions { get; set; }
    public long EventsInOwnedSessions { get; set; }
    public long EventsReadBack { get; set; }
    public int DaysReadBack { get; set; }
    public int DaysReadAhead { get; set; }
    public bool PreviousDayMissing { get; set; }
    public int SessionsOpenAtDataEdge { get; set; }
    public int SessionsWithUncertainStart { get; set; }
    public int CappedSessions { get; set; }
}
