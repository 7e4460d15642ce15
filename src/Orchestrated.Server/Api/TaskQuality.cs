using System.Text.Json;

namespace Orchestrated.Server.Api;

public sealed record TaskQuality(string TaskId, string State, long RowsRead, long RowsWritten, long Duplicates,
    IReadOnlyDictionary<string, long> Quarantined, IReadOnlyList<JsonElement> DataQuality, IReadOnlyDictionary<string, long> Anomalies);
