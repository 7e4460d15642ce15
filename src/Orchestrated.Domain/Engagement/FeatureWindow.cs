using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Engagement;

/// <summary>
/// Which sessions a feature as of date D may see: those that started within the 28 days D-27 … D and were already
/// over at the end of D — their last event more than the inactivity gap before midnight, so no later event could
/// still have joined them. A session still open at midnight counts the next day, whole. That makes features as of D
/// a function of the events up to the end of D alone.
/// </summary>
public static class FeatureWindow
{
    public const int Days = 28;

    /// <summary>The first session date a feature as of <paramref name="asOf"/> reads.</summary>
    public static DateOnly FirstDate(DateOnly asOf) => asOf.AddDays(1 - Days);

    /// <summary>
    /// The first date whose window lies wholly within data that begins on <paramref name="firstData"/>. Rows of earlier
    /// dates would see a shorter past ("3 sessions in 28 days" of which only 5 were recorded) and teach a model a
    /// meaning of the features that later dates do not have: training and evaluation start here.
    /// </summary>
    public static DateOnly FirstFullDate(DateOnly firstData) => firstData.AddDays(Days - 1);

    public static bool Sees(DateOnly asOf, SessionRow session, SessionRules rules) =>
        session.Date >= FirstDate(asOf) && session.Date <= asOf
        && session.SessionEnd + rules.GapMicros < UtcMicros.StartOf(asOf.AddDays(1));
}
