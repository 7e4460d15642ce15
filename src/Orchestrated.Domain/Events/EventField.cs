namespace Orchestrated.Domain.Events;

/// <summary>The raw fields the contract names; every other field is kept in <see cref="RawEvent.Extra"/>.</summary>
internal enum EventField
{
    Unknown, EventId, StudentId, Timestamp, EventType, PageUrl, ScreenName, Device, Browser, Network, CourseId, ChapterId, Metadata
}
