using System.Text.Json.Nodes;

namespace Orchestrated.Server.Tests.Support;

/// <summary>The shipped DAG with the settings a test needs.</summary>
public static class TestDags
{
    public static readonly string ShippedPath = Path.Combine(AppContext.BaseDirectory, "workflows", "session_duration.json");

    public static string SessionDuration(Action<JsonObject>? change = null)
    {
        var json = JsonNode.Parse(File.ReadAllText(ShippedPath))!.AsObject();
        json["start_date"] = "2026-03-01";
        json["catchup"] = true;
        json["max_active_runs"] = 3;
        json["default_task_settings"] = new JsonObject
        {
            ["retries"] = 2, ["retry_delay"] = "30s", ["retry_exponential_backoff"] = true, ["max_retry_delay"] = "10m",
            ["execution_timeout"] = "10m", ["sla"] = "20m",
        };
        change?.Invoke(json);
        return json.ToJsonString();
    }
}
