using Orchestrated.Domain.Text;

namespace Orchestrated.Domain.Sessions;

/// <summary>
/// A slice of one day's clean events, column by column, in (ts, event_id) order. Texts are coded columns so a
/// reader can hand over a row group's dictionary as it is, and the sessionizer interns each distinct value once.
/// Columns a pass does not need (pages and active time during look-back, browser and network unless the rules
/// split on them) may be null.
/// </summary>
public sealed class SessionEventBatch
{
    public required int Count { get; init; }
    public required long[] Ts { get; init; }
    public required TextColumn Student { get; init; }
    public required TextColumn Device { get; init; }
    public TextColumn? Browser { get; init; }
    public TextColumn? Network { get; init; }
    public TextColumn? Page { get; init; }
    public double?[]? TimeSpentSec { get; init; }
}
