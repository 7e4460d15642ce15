namespace Orchestrated.Domain.Engagement.EarlyWarning;

/// <summary>The early warning's label: the session ends with less active time than <paramref name="Minutes"/> (default 10).</summary>
public sealed record LowEngagement(int Minutes = 10)
{
    public bool Of(Sessions.SessionRow session) => session.ActiveTimeSec < Minutes * 60;
}
