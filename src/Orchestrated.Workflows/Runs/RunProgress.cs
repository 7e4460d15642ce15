using Orchestrated.Workflows.Definitions;

namespace Orchestrated.Workflows.Runs;

/// <summary>What should happen next in one run, given its tasks' states.</summary>
public sealed record RunProgress(IReadOnlyList<string> ToSchedule, IReadOnlyList<string> ToMarkUpstreamFailed, RunState? Finished)
{
    /// <summary>
    /// Tasks whose upstream all succeeded are scheduled (those waiting for other runs' partitions are offered again);
    /// tasks below a failure are upstream_failed (transitively, in one pass thanks to topological order); the run
    /// finishes when every task has: failed if any task did not succeed.
    /// </summary>
    public static RunProgress Of(DagDefinition dag, IReadOnlyDictionary<string, TaskState> states)
    {
        var current = new Dictionary<string, TaskState>(states);
        var schedule = new List<string>();
        var upstreamFailed = new List<string>();
        foreach (var task in dag.Tasks)
        {
            if (current.GetValueOrDefault(task.Id) is not (TaskState.None or TaskState.Waiting)) continue;
            var upstream = task.Upstream.Select(u => current.GetValueOrDefault(u)).ToList();
            if (upstream.Any(s => s is TaskState.Failed or TaskState.UpstreamFailed))
            {
                upstreamFailed.Add(task.Id);
                current[task.Id] = TaskState.UpstreamFailed;
            }
            else if (upstream.All(s => s.LetsDownstreamRun()))
                schedule.Add(task.Id);
        }
        RunState? finished = null;
        if (schedule.Count == 0 && dag.Tasks.All(t => current.GetValueOrDefault(t.Id).IsFinished()))
            finished = dag.Tasks.All(t => current[t.Id].LetsDownstreamRun()) ? RunState.Success : RunState.Failed;
        return new RunProgress(schedule, upstreamFailed, finished);
    }
}
