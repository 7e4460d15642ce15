using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Engagement;

/// <summary>
/// The dropout label of a student as of date D: no study in the <c>Horizon</c> days after D — no session starting on
/// D+1 … D+N, and none still going on at the end of D (such a student is studying at midnight, not gone). Known only
/// once the sessions of D+N are in: <see cref="KnownBy"/>.
/// </summary>
public sealed record DropoutLabel(int Horizon = 7)
{
    /// <summary>The last session date the label of <paramref name="asOf"/> looks at.</summary>
    public DateOnly KnownBy(DateOnly asOf) => asOf.AddDays(Horizon);

    /// <summary>True when the student studies no more within the horizon.</summary>
    public bool DropsOut(DateOnly asOf, IEnumerable<SessionRow> studentSessions, SessionRules rules)
    {
        var midnight = UtcMicros.StartOf(asOf.AddDays(1));
        return !studentSessions.Any(s => s.Date <= KnownBy(asOf) && s.SessionEnd + rules.GapMicros >= midnight);
    }
}
