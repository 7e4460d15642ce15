using Orchestrated.Domain.Sessions;
using Orchestrated.Domain.Text;

namespace Orchestrated.Domain.Tests.Sessions;

internal static class Sessionize
{
    /// <summary>Runs the sessionizer over the whole history at once: the reference every other way must equal.</summary>
    public static List<SessionRow> WholeHistory(IEnumerable<TestEvent> events, SessionRules? rules = null)
    {
        rules ??= SessionRules.Default;
        var symbols = new SymbolTable();
        var closed = new List<ClosedSession>();
        var sessionizer = new Sessionizer(rules, closed.Add);
        foreach (var e in events.OrderBy(e => e.Ts)) sessionizer.Add(ToEvent(e, symbols));
        sessionizer.CloseAll();
        return closed.Select(s => SessionRow.From(s, symbols)).OrderBy(s => s, Comparer<SessionRow>.Create(SessionRow.OutputOrder))
            .ToList();
    }

    public static SessionEvent ToEvent(TestEvent e, SymbolTable symbols) => new(
        symbols.Intern(e.Student), symbols.Intern(e.Device), symbols.Intern(e.Browser), symbols.Intern(e.Network), e.Ts,
        symbols.Intern(e.Page), e.Spent);
}
