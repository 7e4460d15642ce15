namespace Orchestrated.Contracts;

public sealed record TaskTrySucceeded(Guid TryId, string Worker, DateTimeOffset FinishedAt, StepReport Report, IReadOnlyList<string> Log);
