using Orchestrated.Workflows.Definitions;

namespace Orchestrated.Server.Scheduling;

/// <summary>The tasks a run runs: every task, or a re-run's selection (stored comma-separated).</summary>
public static class RunSelection
{
    public static IEnumerable<string> Tasks(DagDefinition dag, string? selected) =>
        selected is null ? dag.Tasks.Select(t => t.Id) : Parse(selected).Where(id => dag.Tasks.Any(t => t.Id == id));

    public static bool Runs(string? selected, string taskId) => selected is null || Parse(selected).Contains(taskId);

    public static string? Store(IReadOnlyCollection<string>? tasks) => tasks is null ? null : string.Join(',', tasks);

    private static string[] Parse(string selected) => selected.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
