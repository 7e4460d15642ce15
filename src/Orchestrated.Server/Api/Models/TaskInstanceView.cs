using Orchestrated.Server.Metadata;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Api;

// What the REST API answers and accepts. States are the lower-case names the UI and the CLI show.

/// <param name="Partition">The task's output partition of this date as it stands (final, provisional, stale…), with its reasons.</param>
public sealed record TaskInstanceView(long Id, long RunId, string TaskId, DateOnly LogicalDate, string State, string? WaitingFor,
    int TryCount, int FailedTries, int InfrastructureRetries, DateTime? RetryAt, DateTime? StartedAt, DateTime? EndedAt,
    IReadOnlyList<TryView> Tries, PartitionView? Partition)
{
    public static TaskInstanceView Of(TaskInstanceRecord t, IReadOnlyList<TryView> tries, PartitionView? partition) => new(t.Id, t.RunId,
        t.TaskId, t.LogicalDate, t.State.Name(), t.WaitingFor, t.TryCount, t.FailedTries, t.InfrastructureRetries, t.RetryAt, t.StartedAt,
        t.EndedAt, tries, partition);
}
