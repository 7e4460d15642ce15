using Orchestrated.Contracts;

namespace Orchestrated.Execution;

/// <summary>What one try came to: a report, or an error with whether retrying can help.</summary>
public abstract record TryOutcome(IReadOnlyList<string> Log)
{
    public sealed record Succeeded(StepReport Report, IReadOnlyList<string> Log) : TryOutcome(Log);

    public sealed record Failed(string Error, string ErrorType, bool Retryable, bool Abandoned, IReadOnlyList<QualityCheck> DataQuality,
        IReadOnlyList<string> Log)
        : TryOutcome(Log);
}
