using System.Text.Json;

namespace Orchestrated.Server.Api;

// What the REST API answers and accepts. States are the lower-case names the UI and the CLI show.

public sealed record BackfillBody(DateOnly? From, DateOnly? To, string? Reprocess, int? MaxConcurrentRuns, bool? DryRun,
    Dictionary<string, Dictionary<string, JsonElement>>? Params);
