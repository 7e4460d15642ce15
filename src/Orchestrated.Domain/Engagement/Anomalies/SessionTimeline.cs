using Orchestrated.Domain.Sessions;

namespace Orchestrated.Domain.Engagement.Anomalies;

/// <summary>A session with its events in order: their times (UTC microseconds), types and pages (null where an event has none).</summary>
public sealed record SessionTimeline(SessionRow Session, IReadOnlyList<long> Times, IReadOnlyList<string?> Types,
    IReadOnlyList<string?> Pages)
{
    public SessionProfile Profile() => SessionProfile.Of(Session, Times);
}
