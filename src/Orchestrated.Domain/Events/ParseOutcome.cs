namespace Orchestrated.Domain.Events;

/// <summary>
/// The verdict on one raw line: accepted (<see cref="QuarantineReason.None"/>) or quarantined with a reason and a human detail.
/// </summary>
public readonly record struct ParseOutcome(QuarantineReason Reason, string? Detail)
{
    public static readonly ParseOutcome Accepted = new(QuarantineReason.None, null);
    public bool IsAccepted => Reason == QuarantineReason.None;
}
