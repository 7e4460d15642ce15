namespace Orchestrated.Domain.Events;

/// <summary>
/// One raw line, typed: what bronze stores. Reused across lines by the parser (call <see cref="Clear"/>), so
/// parsing a day does not allocate an object per event. The texts unique to each event (id, metadata, extra
/// fields) are slices of the parser's scratch buffer, valid until the next line is parsed: copy them to keep them.
/// </summary>
public sealed class RawEvent
{
    public ReadOnlyMemory<char>? EventId { get; set; }
    /// <summary>As sent, untrimmed. Only bronze and quarantine hold it; cleaning replaces it by a hash.</summary>
    public string? StudentId { get; set; }
    public long TimestampMicros { get; set; }
    public string? EventType { get; set; }
    public string? PageUrl { get; set; }
    public string? ScreenName { get; set; }
    public string? Device { get; set; }
    public string? Browser { get; set; }
    public string? Network { get; set; }
    public string? CourseId { get; set; }
    public string? ChapterId { get; set; }
    /// <summary><c>metadata.time_spent_sec</c> when it is a JSON number (any sign); strings and other types are null.</summary>
    public double? TimeSpentSec { get; set; }
    /// <summary>The <c>metadata</c> value as JSON text.</summary>
    public ReadOnlyMemory<char>? Metadata { get; set; }
    /// <summary>Fields the contract does not name, as one JSON object, so bronze loses nothing.</summary>
    public ReadOnlyMemory<char>? Extra { get; set; }

    public void Clear()
    {
        StudentId = EventType = PageUrl = ScreenName = Device = Browser = Network = CourseId = ChapterId = null;
        EventId = Metadata = Extra = null;
        TimestampMicros = 0;
        TimeSpentSec = null;
    }
}
