namespace Orchestrated.Server.Api;

public sealed record DailyPoint(DateOnly Date, bool Present, int Students, long Sessions, double TimeSpentHours, double AvgSessionMinutes);
