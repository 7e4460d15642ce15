using Orchestrated.Domain.Text;

namespace Orchestrated.Domain.Sessions;

/// <summary>
/// One event as the sessionizer sees it. Text values are symbol ids; <see cref="Page"/> is <see cref="SymbolTable.None"/> when absent.
/// </summary>
public readonly record struct SessionEvent(int Student, int Device, int Browser, int Network, long Ts, int Page, double? TimeSpentSec);
