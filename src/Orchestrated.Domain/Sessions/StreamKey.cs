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
