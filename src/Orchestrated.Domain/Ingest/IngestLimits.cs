namespace Orchestrated.Domain.Ingest;

/// <summary>
/// Bounds on what one arrival's raw files may cost, so a hostile or broken file costs a quarantine row, not the
/// worker: the defaults fit a 512 MB worker with room. Beyond a bound the record (or the rest of the file) is
/// quarantined with a reason naming the setting, and the date goes on.
/// </summary>
/// <param name="MaxRecordBytes">A line or array element longer than this is one <c>malformed_json</c> row.</param>
/// <param name="MaxFileBytes">A file that decompresses to more than this (a gzip bomb) is read no further: one
/// <c>over_limit</c> row.</param>
/// <param name="MaxEventDates">Events of more distinct event dates than this in one arrival are <c>over_limit</c>:
/// each date costs an open row group and an index marker; no real arrival holds hundreds.</param>
public sealed record IngestLimits(int MaxRecordBytes, long MaxFileBytes, int MaxEventDates)
{
    public static readonly IngestLimits Default = new(16 * 1024 * 1024, 8L * 1024 * 1024 * 1024, 400);
}
