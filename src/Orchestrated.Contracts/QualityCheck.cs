namespace Orchestrated.Contracts;

public sealed record QualityCheck(string Check, bool Hard, bool Passed, long Violations, string? Detail);
