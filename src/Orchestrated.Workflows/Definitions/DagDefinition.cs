namespace Orchestrated.Workflows.Definitions;

/// <summary>A workflow as data, validated: what <c>workflows/*.json</c> holds once loaded.</summary>
public sealed record DagDefinition
{
    public required string Id { get; init; }
    public string Description { get; init; } = "";
    public required ScheduleDefinition Schedule { get; init; }
    /// <summary>The first logical date the schedule produces runs for.</summary>
    public required DateOnly StartDate { get; init; }
    /// <summary>Create runs for every interval missed since the last one (otherwise only the latest).</summary>
    public bool Catchup { get; init; } = true;
    public int MaxActiveRuns { get; init; } = 1;
    /// <summary>The gold output of logical date D is due at D 00:00 (in the schedule's time zone) plus this.</summary>
    public TimeSpan? DataDeadline { get; init; }
    /// <summary>
    /// The final task's output of D is due final by D 00:00 (schedule's time zone) plus this: committed and no longer
    /// provisional (SLA on final).
    /// </summary>
    public TimeSpan? FinalDeadline { get; init; }
    public bool PausedOnCreation { get; init; }
    /// <summary>Events of a date may arrive this many days after it; cleaning a date waits for those arrivals in flight.</summary>
    public int LateArrivalDays { get; init; } = DefaultLateArrivalDays;
    /// <summary>
    /// Stale partitions are recomputed by themselves when what changed is at most this many days from their date
    /// (late data up to that late); null turns automatic re-runs off.
    /// </summary>
    public int? RerunStaleWithinDays { get; init; } = DefaultRerunStaleWithinDays;

    /// <summary>The contract's 24 h: an event may arrive with the next day's data.</summary>
    public const int DefaultLateArrivalDays = 1;
    public const int DefaultRerunStaleWithinDays = 3;
    /// <summary>Tasks in an order where every task comes after its upstream tasks.</summary>
    public required IReadOnlyList<TaskDefinition> Tasks { get; init; }

    public TaskDefinition Task(string id) =>
        Tasks.FirstOrDefault(t => t.Id == id) ?? throw new KeyNotFoundException($"DAG '{Id}' has no task '{id}'.");

    /// <summary>The task whose output is the DAG's final product (the one no other task depends on, last in order).</summary>
    public TaskDefinition FinalTask => Tasks.Last(t => Tasks.All(other => !other.Upstream.Contains(t.Id)));

    /// <summary>The task and every task that depends on it, directly or not, in topological order.</summary>
    public IReadOnlyList<string> WithDownstream(string taskId)
    {
        var selected = new HashSet<string> { taskId };
        foreach (var task in Tasks)
            if (task.Upstream.Any(selected.Contains)) selected.Add(task.Id);
        return Tasks.Where(t => selected.Contains(t.Id)).Select(t => t.Id).ToList();
    }
}
