namespace Orchestrated.Domain.Sessions;

public sealed record DaySessions(DateOnly Day, IReadOnlyList<SessionRow> Sessions, DaySessionStats Stats,
    IReadOnlyList<Quality.DataQualityResult> Quality);
