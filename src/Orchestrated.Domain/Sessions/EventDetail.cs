namespace Orchestrated.Domain.Sessions;

/// <summary>What a pass over a day needs to read.</summary>
public enum EventDetail
{
    /// <summary>Stream keys and timestamps: enough to know where sessions start and end.</summary>
    KeysOnly,
    /// <summary>Everything a session row needs, pages and active time included.</summary>
    Full,
}
