namespace Orchestrated.Domain.Sessions;

/// <summary>The contract's configurable session rules, with its defaults.</summary>
public sealed record SessionRules
{
    public TimeSpan InactivityGap { get; init; } = TimeSpan.FromMinutes(30);
    public TimeSpan MaxSessionDuration { get; init; } = TimeSpan.FromHours(24);
    public bool SplitOnDevice { get; init; } = true;
    public bool SplitOnBrowser { get; init; }
    public bool SplitOnNetwork { get; init; }

    public static SessionRules Default { get; } = new();

    public long GapMicros => InactivityGap.Ticks / TimeSpan.TicksPerMicrosecond;
    public long CapMicros => MaxSessionDuration.Ticks / TimeSpan.TicksPerMicrosecond;

    public SessionRules Validated()
    {
        if (InactivityGap <= TimeSpan.Zero) throw new ArgumentException($"inactivity_gap must be positive, got {InactivityGap}.");
        if (MaxSessionDuration <= TimeSpan.Zero)
            throw new ArgumentException($"max_session_duration must be positive, got {MaxSessionDuration}.");
        return this;
    }

    public StreamKey KeyOf(in SessionEvent e) => new(
        e.Student,
        SplitOnDevice ? e.Device : StreamKey.NotSplit,
        SplitOnBrowser ? e.Browser : StreamKey.NotSplit,
        SplitOnNetwork ? e.Network : StreamKey.NotSplit);
}
