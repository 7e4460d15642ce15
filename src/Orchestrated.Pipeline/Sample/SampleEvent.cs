namespace Orchestrated.Pipeline.Sample;

/// <summary>One generated event, before it is written as a raw JSON line.</summary>
internal sealed record SampleEvent
{
    public string? EventId { get; init; }
    public object? StudentId { get; init; }
    public DateTime Ts { get; init; }
    public TimestampStyle Style { get; init; } = TimestampStyle.IsoMillis;
    public string EventType { get; init; } = "page_view";
    public string? PageUrl { get; init; }
    public string? ScreenName { get; init; }
    public string? Device { get; init; }
    public bool OmitDevice { get; init; }
    public string? Browser { get; init; }
    public string? Network { get; init; }
    public string? CourseId { get; init; }
    public string? ChapterId { get; init; }
    public double? ScrollDepth { get; init; }
    /// <summary>A number, a string or null: strings and negatives do not count as active time.</summary>
    public object? TimeSpent { get; init; }
    public string? AppVersion { get; init; }
}
