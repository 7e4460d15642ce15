using Orchestrated.Domain.Text;

namespace Orchestrated.Domain.Sessions;

/// <summary>
/// One independent stream of events: a student, and (when the rules split on them) a device, browser and network.
/// Parts are symbol ids from a <see cref="SymbolTable"/>; <see cref="NotSplit"/> marks a part the rules ignore.
/// </summary>
public readonly record struct StreamKey(int Student, int Device, int Browser, int Network)
{
    public const int NotSplit = -1;
}

/// <summary>One event as the sessionizer sees it. Text values are symbol ids; <see cref="Page"/> is <see cref="SymbolTable.None"/> when absent.</summary>
public readonly record struct SessionEvent(int Student, int Device, int Browser, int Network, long Ts, int Page, double? TimeSpentSec);
