namespace Orchestrated.Server.Api;

public sealed record DateData(DateOnly Date, IReadOnlyList<ZoneRows> Zones, IReadOnlyList<TaskQuality> Tasks);
