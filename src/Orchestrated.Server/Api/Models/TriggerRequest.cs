using System.Text.Json;

namespace Orchestrated.Server.Api;

// What the REST API answers and accepts. States are the lower-case names the UI and the CLI show.

public sealed record TriggerRequest(DateOnly? LogicalDate, Dictionary<string, Dictionary<string, JsonElement>>? Params, string? Note);
