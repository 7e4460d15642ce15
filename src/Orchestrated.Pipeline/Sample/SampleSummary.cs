namespace Orchestrated.Pipeline.Sample;

public sealed record SampleSummary(DateOnly Start, int Days, long Lines, long Files, long Bytes,
    IReadOnlyDictionary<DateOnly, long> LinesByArrivalDate);
