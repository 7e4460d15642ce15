using System.Text.Json;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Server.Operations;

public sealed record BackfillRequest(DateOnly From, DateOnly To, ReprocessMode Reprocess, int MaxConcurrentRuns, bool DryRun,
    IReadOnlyDictionary<string, Dictionary<string, JsonElement>>? Params);
