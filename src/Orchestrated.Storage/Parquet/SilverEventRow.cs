namespace Orchestrated.Storage.Parquet;

public sealed record SilverEventRow(
    string? EventId, string StudentHash, long Ts, string? EventType, string Device, string? Browser, string? Network,
    string? Page, string? CourseId, string? ChapterId, double? TimeSpentSec, DateOnly ArrivalDate, string SourceFile, long SourceLine);
