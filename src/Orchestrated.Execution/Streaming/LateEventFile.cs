namespace Orchestrated.Execution.Streaming;

/// <summary>
/// A file of late events the stream wrote (<c>late/events/date=D/…</c>): <see cref="Events"/> of them, of
/// <see cref="Date"/>, that reached the raw zone on <see cref="Arrival"/>.
/// </summary>
public sealed record LateEventFile(string Key, DateOnly Date, DateOnly Arrival, long Events);
