namespace Orchestrated.Domain.Live;

/// <summary>
/// How the stream sessionizer judges event time. <see cref="AllowedLateness"/>: how far behind the latest event time an
/// event may still arrive and be placed in order. <see cref="FutureLimit"/>: an event stamped further ahead of the wall
/// clock never moves the watermark (one bad clock must not close everyone's sessions). <see cref="IdleTimeout"/>:
/// after this long without events the watermark follows the wall clock, so a quiet partition still closes sessions.
/// </summary>
public sealed record LiveOptions
{
    public TimeSpan AllowedLateness { get; init; } = TimeSpan.FromMinutes(2);
    public TimeSpan FutureLimit { get; init; } = TimeSpan.FromMinutes(5);
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(1);
}
