using Orchestrated.Domain.Text;
using Orchestrated.Domain.Time;

namespace Orchestrated.Domain.Sessions;

/// <summary>One row of <c>silver/sessions</c>, exactly the contract's columns.</summary>
public sealed record SessionRow(
    string SessionId,
    string StudentHash,
    string Device,
    long SessionStart,
    long SessionEnd,
    long SessionDurationSec,
    int EventCount,
    int PagesVisited,
    double? AvgEventGapSec,
    double ActiveTimeSec,
    bool Capped)
{
    public DateOnly Date => UtcMicros.DateOf(SessionStart);

    public static SessionRow From(in ClosedSession s, SymbolTable symbols)
    {
        var student = symbols.TextOf(s.Key.Student)!;
        var spanMicros = s.End - s.Start;
        return new SessionRow(
            Sessions.SessionId.For(student, symbols.TextOf(s.Key.Device), symbols.TextOf(s.Key.Browser), symbols.TextOf(s.Key.Network),
                s.Start).ToString(),
            student,
            symbols.TextOf(s.Device) ?? Cleaning.DeviceName.Unknown,
            s.Start,
            s.End,
            spanMicros / UtcMicros.PerSecond,
            s.EventCount,
            s.PagesVisited,
            s.EventCount > 1 ? spanMicros / (double)UtcMicros.PerSecond / (s.EventCount - 1) : null,
            s.ActiveTimeSec,
            s.Capped);
    }

    /// <summary>The partition's row order: deterministic, and readable per student.</summary>
    public static readonly Comparison<SessionRow> OutputOrder = (a, b) =>
    {
        var c = string.CompareOrdinal(a.StudentHash, b.StudentHash);
        if (c != 0) return c;
        c = a.SessionStart.CompareTo(b.SessionStart);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.Device, b.Device);
        return c != 0 ? c : string.CompareOrdinal(a.SessionId, b.SessionId);
    };
}
