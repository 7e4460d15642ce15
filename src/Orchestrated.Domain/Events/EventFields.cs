using System.Text.Json;

namespace Orchestrated.Domain.Events;

internal static class EventFields
{
    /// <summary>The field named by a property name token (escapes in the name are honoured).</summary>
    public static EventField Identify(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("event_id"u8)) return EventField.EventId;
        if (reader.ValueTextEquals("student_id"u8)) return EventField.StudentId;
        if (reader.ValueTextEquals("timestamp"u8)) return EventField.Timestamp;
        if (reader.ValueTextEquals("event_type"u8)) return EventField.EventType;
        if (reader.ValueTextEquals("page_url"u8)) return EventField.PageUrl;
        if (reader.ValueTextEquals("screen_name"u8)) return EventField.ScreenName;
        if (reader.ValueTextEquals("device"u8)) return EventField.Device;
        if (reader.ValueTextEquals("browser"u8)) return EventField.Browser;
        if (reader.ValueTextEquals("network"u8)) return EventField.Network;
        if (reader.ValueTextEquals("course_id"u8)) return EventField.CourseId;
        if (reader.ValueTextEquals("chapter_id"u8)) return EventField.ChapterId;
        if (reader.ValueTextEquals("metadata"u8)) return EventField.Metadata;
        return EventField.Unknown;
    }

    /// <summary>The field named by an unescaped property name, as the line holds it.</summary>
    public static EventField Identify(ReadOnlySpan<byte> name) => name.Length switch
    {
        6 when name.SequenceEqual("device"u8) => EventField.Device,
        7 when name.SequenceEqual("browser"u8) => EventField.Browser,
        7 when name.SequenceEqual("network"u8) => EventField.Network,
        8 when name.SequenceEqual("event_id"u8) => EventField.EventId,
        8 when name.SequenceEqual("page_url"u8) => EventField.PageUrl,
        8 when name.SequenceEqual("metadata"u8) => EventField.Metadata,
        9 when name.SequenceEqual("timestamp"u8) => EventField.Timestamp,
        9 when name.SequenceEqual("course_id"u8) => EventField.CourseId,
        10 when name.SequenceEqual("student_id"u8) => EventField.StudentId,
        10 when name.SequenceEqual("event_type"u8) => EventField.EventType,
        10 when name.SequenceEqual("chapter_id"u8) => EventField.ChapterId,
        11 when name.SequenceEqual("screen_name"u8) => EventField.ScreenName,
        _ => EventField.Unknown,
    };
}
