namespace Orchestrated.Server.Api;

public sealed record ZoneRows(string Dataset, long Rows, string? TaskId, DateTime? WrittenAt);
