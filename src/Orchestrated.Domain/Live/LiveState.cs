namespace Orchestrated.Domain.Live;

/// <summary>
/// Everything a <see cref="LiveSessionizer"/> decides by, at one point of its stream: the clock (watermark, latest
/// event, last arrival), the counts, the event ids seen per date still open, the events held for order (in arrival
/// order) and the open sessions. A sessionizer restored from it decides every later event as the original would have.
/// </summary>
public sealed record LiveState(long Watermark, long LatestEvent, long LastArrival, long LateEvents, long Duplicates,
    IReadOnlyList<(DateOnly Date, IReadOnlyList<byte[]> Ids)> SeenIds, IReadOnlyList<HeldEvent> Held,
    IReadOnlyList<OpenSessionState> Open);
