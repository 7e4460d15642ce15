namespace Orchestrated.Domain.Live;

/// <summary>A refused line with the contract name of its quarantine reason (as a file's line would get).</summary>
public sealed record RefusedLine(long Line, string Reason, string? Detail);
