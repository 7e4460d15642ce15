namespace Orchestrated.Contracts;

/// <summary>
/// Run one try of one task: sent by the server to the queue of the step type. <see cref="TryId"/> is a fencing token:
/// the server ignores reports of any try that is no longer the task's current one.
/// </summary>
public sealed record RunTaskTry
{
    public required Guid TryId { get; init; }
    public required long RunId { get; init; }
    public required string DagId { get; init; }
    public required string TaskId { get; init; }
    public required string Step { get; init; }
    public required DateOnly LogicalDate { get; init; }
    public required int TryNumber { get; init; }
    /// <summary>The task's params after the run's overrides, as normalised text.</summary>
    public IReadOnlyDictionary<string, string> Params { get; init; } = new Dictionary<string, string>();
    public required TimeSpan ExecutionTimeout { get; init; }
    public required TimeSpan HeartbeatInterval { get; init; }
    public required DateTimeOffset DispatchedAt { get; init; }
}
