namespace Orchestrated.Server.Api;

/// <summary>The scores of one date (null when none was found), how many per band, the courses seen, and the students shown.</summary>
public sealed record StudentRiskPage(DateOnly? Date, string? ModelVersion, int Scored, IReadOnlyDictionary<string, int> Bands,
    IReadOnlyList<string> Courses, IReadOnlyList<StudentRiskView> Students);
