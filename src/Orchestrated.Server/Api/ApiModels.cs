using System.Text.Json;
using Orchestrated.Server.Metadata;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Api;

// What the REST API answers and accepts. States are the lower-case names the UI and the CLI show.

public sealed record DagSummary(string DagId, string Description, bool Paused, int Version, string Schedule, string ScheduleText, string TimeZone,
    IReadOnlyList<DateTimeOffset> NextFires, IReadOnlyList<TaskSummary> Tasks, RunSummary? LatestRun);

public sealed record TaskSummary(string TaskId, string Step, IReadOnlyList<string> Upstream, IReadOnlyDictionary<string, string> Params,
    int Retries, string RetryDelay, bool ExponentialBackoff, string MaxRetryDelay, string ExecutionTimeout, string? Sla,
    string? Description, IReadOnlyList<string> Writes, IReadOnlyList<string> Reads);

/// <param name="Partitions">For each task whose output partition this run wrote last: final, provisional or stale.</param>
public sealed record RunSummary(long Id, string DagId, string RunKey, DateOnly LogicalDate, string Kind, string State, int DagVersion,
    long? BackfillId, DateTime CreatedAt, DateTime? StartedAt, DateTime? EndedAt, string? Note, IReadOnlyList<string>? SelectedTasks,
    IReadOnlyDictionary<string, string>? Tasks, IReadOnlyDictionary<string, string>? Partitions = null)
{
    public static RunSummary Of(DagRunRecord r, IReadOnlyDictionary<string, string>? tasks = null,
        IReadOnlyDictionary<string, string>? partitions = null) =>
        new(r.Id, r.DagId, r.RunKey, r.LogicalDate, r.Kind.ToString().ToLowerInvariant(), r.State.ToString().ToLowerInvariant(),
            r.DagVersion, r.BackfillId, r.CreatedAt, r.StartedAt, r.EndedAt, r.Note, r.SelectedTasks?.Split(','), tasks, partitions);
}

/// <param name="Partition">The task's output partition of this date as it stands (final, provisional, stale…), with its reasons.</param>
public sealed record TaskInstanceView(long Id, long RunId, string TaskId, DateOnly LogicalDate, string State, string? WaitingFor,
    int TryCount, int FailedTries, int InfrastructureRetries, DateTime? RetryAt, DateTime? StartedAt, DateTime? EndedAt,
    IReadOnlyList<TryView> Tries, PartitionView? Partition)
{
    public static TaskInstanceView Of(TaskInstanceRecord t, IReadOnlyList<TryView> tries, PartitionView? partition) => new(t.Id, t.RunId,
        t.TaskId, t.LogicalDate, t.State.Name(), t.WaitingFor, t.TryCount, t.FailedTries, t.InfrastructureRetries, t.RetryAt, t.StartedAt,
        t.EndedAt, tries, partition);
}

public sealed record TryView(Guid Id, int Number, string Kind, string State, string? Worker, DateTime QueuedAt, DateTime? StartedAt,
    DateTime? LastHeartbeatAt, DateTime? EndedAt, double? DurationSeconds, string? Error, string? ErrorType, JsonElement? Report, JsonElement? DataQuality)
{
    public static TryView Of(TaskTryRecord t) => new(t.Id, t.Number, t.Kind.ToString().ToLowerInvariant(), t.State.Name(), t.Worker, t.QueuedAt,
        t.StartedAt, t.LastHeartbeatAt, t.EndedAt, t.StartedAt is { } s && t.EndedAt is { } e ? (e - s).TotalSeconds : null, t.Error, t.ErrorType,
        t.ReportJson is null ? null : JsonDocument.Parse(t.ReportJson).RootElement, t.DataQualityJson is null ? null : JsonDocument.Parse(t.DataQualityJson).RootElement);
}

public sealed record TriggerRequest(DateOnly? LogicalDate, Dictionary<string, Dictionary<string, JsonElement>>? Params, string? Note);

public sealed record BackfillBody(DateOnly? From, DateOnly? To, string? Reprocess, int? MaxConcurrentRuns, bool? DryRun,
    Dictionary<string, Dictionary<string, JsonElement>>? Params);

public sealed record BackfillView(long? Id, string DagId, DateOnly From, DateOnly To, string Reprocess, int MaxConcurrentRuns, string State,
    DateTime? CreatedAt, DateTime? EndedAt, IReadOnlyDictionary<string, int>? RunStates, IReadOnlyList<BackfillDateView>? Plan);

public sealed record BackfillDateView(DateOnly Date, string Action, string Reason);

public sealed record ClearRequest(bool? Downstream);

public sealed record MarkRequest(string? State);

public sealed record AlertView(long Id, string Kind, string DagId, DateOnly? LogicalDate, string? TaskId, long? RunId, string Message,
    DateTime CreatedAt, DateTime? AcknowledgedAt, DateTime? DeliveredAt, string? DeliveryError)
{
    public static AlertView Of(AlertRecord a) => new(a.Id, a.Kind.ToString(), a.DagId, a.LogicalDate, a.TaskId, a.RunId, a.Message, a.CreatedAt,
        a.AcknowledgedAt, a.DeliveredAt, a.DeliveryError);
}

public sealed record PartitionView(string Dataset, DateOnly Date, string Status, string TaskId, long? RunId, long RowsWritten,
    DateTime? WrittenAt, DateTime? FinalSince, IReadOnlyList<string> ChangedInputs, IReadOnlyList<string> MissingInputs,
    IReadOnlyList<string> ProvisionalInputs, IReadOnlyList<string> Awaiting)
{
    public static PartitionView Of(Orchestrated.Workflows.Partitions.PartitionStatus s, string status, string taskId) => new(s.Dataset,
        s.Date, status, s.Partition?.TaskId ?? taskId, s.Partition?.RunId, s.Partition?.RowsWritten ?? 0, s.Partition?.WrittenAt,
        s.FinalSince, s.Changed.Select(c => c.What).ToList(), s.MissingInputs, s.ProvisionalInputs, s.Awaiting);
}

public sealed record DefinitionBody(string? Json, string? Comment);

public sealed record VersionView(int Version, string Source, DateTime CreatedAt, string? Comment, bool Current);
