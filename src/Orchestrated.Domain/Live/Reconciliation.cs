namespace Orchestrated.Domain.Live;

/// <summary>A closed day's live sessions against its batch sessions: how many each, how many alike, and every difference.</summary>
public sealed record Reconciliation(long BatchSessions, long LiveSessions, long Matched, IReadOnlyList<SessionDifference> Differences)
{
    public long Unexplained => Differences.Count(d => !d.ExplainedByLate);
}
