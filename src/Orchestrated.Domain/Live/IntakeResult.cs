namespace Orchestrated.Domain.Live;

/// <summary>What the collector accepted (in body order) and refused; <c>RefusedCount</c> counts past the listed ones.</summary>
public sealed record IntakeResult(IReadOnlyList<AcceptedEvent> Accepted, IReadOnlyList<RefusedLine> Refused, int RefusedCount);
