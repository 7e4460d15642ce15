using Orchestrated.Server.Metadata;

namespace Orchestrated.Server.Api;

// What the REST API answers and accepts. States are the lower-case names the UI and the CLI show.

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
