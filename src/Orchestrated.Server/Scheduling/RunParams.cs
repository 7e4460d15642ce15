using System.Text.Json;
using Orchestrated.Workflows.Definitions;

namespace Orchestrated.Server.Scheduling;

/// <summary>A run's param overrides: task id → param → normalised value, validated against the step catalog.</summary>
public static class RunParams
{
    public static Dictionary<string, Dictionary<string, string>> Parse(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(json) ?? [];

    /// <summary>The params a try runs with: the task's, then the run's overrides (the task's own when there are none).</summary>
    public static IReadOnlyDictionary<string, string> For(TaskDefinition task, string runParamsJson)
    {
        if (runParamsJson == "{}" || !Parse(runParamsJson).TryGetValue(task.Id, out var overrides) || overrides.Count == 0)
            return task.Params;
        var merged = new Dictionary<string, string>(task.Params);
        foreach (var (name, value) in overrides) merged[name] = value;
        return merged;
    }

    /// <summary>Checks overrides for a DAG and normalises them; every error says which task and param.</summary>
    public static (string Json, IReadOnlyList<string> Errors) Validate(StepCatalog catalog, DagDefinition dag,
        IReadOnlyDictionary<string, Dictionary<string, JsonElement>>? overrides)
    {
        var errors = new List<string>();
        var normalised = new Dictionary<string, Dictionary<string, string>>();
        foreach (var (taskId, values) in overrides ?? new Dictionary<string, Dictionary<string, JsonElement>>())
        {
            var task = dag.Tasks.FirstOrDefault(t => t.Id == taskId);
            if (task is null) { errors.Add($"params.{taskId}: the DAG has no task \"{taskId}\""); continue; }
            var step = catalog.Find(task.Step)!;
            foreach (var (name, value) in values)
            {
                var spec = step.Params.FirstOrDefault(p => p.Name == name);
                if (spec is null)
                {
                    errors.Add($"params.{taskId}.{name}: step \"{step.Name}\" has no param \"{name}\"" +
                        (step.Params.Count > 0 ? $" (expected one of: {string.Join(", ", step.Params.Select(p => p.Name))})" : ""));
                    continue;
                }
                if (ParamValues.Normalise(spec, value, out var text, out var error))
                    (normalised.TryGetValue(taskId, out var d) ? d : normalised[taskId] = [])[name] = text!;
                else errors.Add($"params.{taskId}.{name}: {error}");
            }
        }
        return (JsonSerializer.Serialize(normalised), errors);
    }
}
