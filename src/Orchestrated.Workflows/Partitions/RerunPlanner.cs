using Orchestrated.Workflows.Definitions;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Workflows.Partitions;

/// <summary>
/// Late data re-runs by itself: a date with a stale partition runs again — only the tasks below what went stale —
/// when what changed is within <c>rerun_stale_within</c> days of it (however far, inside a running backfill's own
/// range; never, with <c>off</c>), no run of the date is in flight, and its latest run succeeded. A partition whose
/// writing try started after the change saw it already: were it still stale, running again would change nothing, so
/// it is left for a person to look at. A change that awaits an arrival's ingest (late stream events) waits for it: the
/// arrival's own re-run comes first, and the date goes stale by it then.
/// </summary>
public static class RerunPlanner
{
    public static IReadOnlyList<RerunPlan> Plan(DagDefinition dag, IEnumerable<PartitionStatus> statuses,
        IReadOnlyDictionary<DateOnly, DateRuns> runs, Func<DateOnly, bool> inBackfillRange)
    {
        var plans = new List<RerunPlan>();
        if (dag.RerunStaleWithinDays is null) return plans;
        foreach (var date in statuses.GroupBy(s => s.Date).OrderBy(g => g.Key))
        {
            if (runs.GetValueOrDefault(date.Key) is not { InFlight: false, Latest: RunState.Success }) continue;
            var unlimited = inBackfillRange(date.Key);
            var tasks = new HashSet<string>();
            var reasons = new List<string>();
            foreach (var status in date.Where(s => s.State == PartitionState.Stale && s.Partition is not null))
            {
                var news = status.Changed
                    .Where(c => c.Awaits is null && Within(dag, date.Key, c, unlimited) && Unseen(status.Partition!, c)).ToList();
                if (news.Count == 0) continue;
                tasks.UnionWith(dag.WithDownstream(status.Partition!.TaskId));
                reasons.Add($"{status.Dataset}: {string.Join(", ", news.Select(c => c.What))}");
            }
            if (tasks.Count == 0) continue;
            plans.Add(new RerunPlan(date.Key, dag.Tasks.Where(t => tasks.Contains(t.Id)).Select(t => t.Id).ToList(),
                "stale — " + string.Join("; ", reasons)));
        }
        return plans;
    }

    private static bool Within(DagDefinition dag, DateOnly date, InputChange change, bool unlimited) =>
        unlimited || (change.Date is { } changed && Math.Abs(changed.DayNumber - date.DayNumber) <= dag.RerunStaleWithinDays);

    private static bool Unseen(LedgerPartition partition, InputChange change) =>
        partition.TryStartedAt is not { } started || started < change.ChangedAt;
}
