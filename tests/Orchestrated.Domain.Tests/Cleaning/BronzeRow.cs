namespace Orchestrated.Domain.Tests.Cleaning;

/// <summary>One bronze row as a test writes it; <see cref="BronzeRows.Batch"/> codes a list of them as a reader would.</summary>
public sealed record BronzeRow(string? EventId, string Student, long Ts, string File = "a.jsonl", long Line = 1,
    string? Device = "desktop", string? PageUrl = "https://lms/course/C1/chapter/2");
