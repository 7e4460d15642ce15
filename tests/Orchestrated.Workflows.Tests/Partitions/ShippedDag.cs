using System.Text.Json.Nodes;
using Orchestrated.Workflows.Definitions;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Workflows.Tests.Partitions;

/// <summary>The shipped DAG and its partition mappings, with the changes a test needs.</summary>
internal static class ShippedDag
{
    private static readonly string ShippedPath = Path.Combine(AppContext.BaseDirectory, "workflows", "session_duration.json");

    public const string Ingest = "ingest_raw_events", Clean = "clean_events", Sessions = "compute_sessions",
        Stats = "compute_daily_session_stats", Reconcile = "reconcile_live_sessions";

    public static DagDefinition Load(Action<JsonObject>? change = null)
    {
        var json = JsonNode.Parse(File.ReadAllText(ShippedPath))!.AsObject();
        change?.Invoke(json);
        return Standard.Loader.Parse(json.ToJsonString(), "session_duration.json");
    }

    public static DagPartitions Partitions(Action<JsonObject>? change = null) => new(Load(change), Standard.Catalog);
}
