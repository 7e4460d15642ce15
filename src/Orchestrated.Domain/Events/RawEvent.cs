using System.Text;

namespace Orchestrated.Domain.Events;

/// <summary>
/// One raw line, typed: what bronze stores. Texts are UTF-8, as the line holds them: slices of the line itself, or
/// of the parser's scratch buffer when a value had escapes, valid until the next line is parsed; copy them to keep
/// them. Reused across lines by the parser (call <see cref="Clear"/>), so parsing a day allocates nothing per event.
/// </summary>
public sealed class RawEvent
{
    public ReadOnlyMemory<byte>? EventId { get; set; }
    /// <summary>As sent, untrimmed. Only bronze and quarantine hold it; cleaning replaces it by a hash.</summary>
    public ReadOnlyMemory<byte>? StudentId { get; set; }
    public long TimestampMicros { get; set; }
    public ReadOnlyMemory<byte>? EventType { get; set; }
    public ReadOnlyMemory<byte>? PageUrl { get; set; }
    public ReadOnlyMemory<byte>? ScreenName { get; set; }
    public ReadOnlyMemory<byte>? Device { get; set; }
    public ReadOnlyMemory<byte>? Browser { get; set; }
    public ReadOnlyMemory<byte>? Network { get; set; }
    public ReadOnlyMemory<byte>? CourseId { get; set; }
    public ReadOnlyMemory<byte>? ChapterId { get; set; }
    /// <summary><c>metadata.time_spent_sec</c> when it is a JSON number (any sign); strings and other types are null.</summary>
    public double? TimeSpentSec { get; set; }
    /// <summary>The <c>metadata</c> value as JSON text.</summary>
    public ReadOnlyMemory<byte>? Metadata { get; set; }
    /// <summary>Fields the contract does not name, as one JSON object, so bronze loses nothing.</summary>
    public ReadOnlyMemory<byte>? Extra { get; set; }

    public void Clear()
    {
        EventId = StudentId = EventType = PageUrl = ScreenName = Device = Browser = Network = CourseId = ChapterId = null;
        Metadata = Extra = null;
        TimestampMicros = 0;
        TimeSpentSec = null;
    }

    /// <summary>A text field as a string (for inspection and tests).</summary>
    public static string? Text(ReadOnlyMemory<byte>? field) => field is null ? null : Encoding.UTF8.GetString(field.Value.Span);
}
