using Orchestrated.Domain.Live;

namespace Orchestrated.Server.Api;

/// <summary>
/// What the collector did with a post: how many events it accepted (now in the raw zone and the stream), and each
/// refused line with the quarantine reason a file's line would have got (the first 1,000; <c>refused</c> counts all).
/// </summary>
public sealed record CollectorAnswer(int Accepted, int Refused, IReadOnlyList<RefusedLine> RefusedLines, string? RawFile);
