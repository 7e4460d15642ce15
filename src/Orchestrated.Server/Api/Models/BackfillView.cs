namespace Orchestrated.Server.Api;

// What the REST API answers and accepts. States are the lower-case names the UI and the CLI show.

public sealed record BackfillView(long? Id, string DagId, DateOnly From, DateOnly To, string Reprocess, int MaxConcurrentRuns, string State,
    DateTime? CreatedAt, DateTime? EndedAt, IReadOnlyDictionary<string, int>? RunStates, IReadOnlyList<BackfillDateView>? Plan);
