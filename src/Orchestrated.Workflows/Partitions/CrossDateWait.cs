namespace Orchestrated.Workflows.Partitions;

/// <summary>
/// The cross-date rule: a task waits while a partition it reads, of another date, is still to be written by a run in
/// flight or queued — so a backfill, a catch-up or several manual runs give what one run over the whole range gives,
/// whatever their order and concurrency. Runs of its own date are not waited for: two runs of one date never run at
/// once, and a later one waiting behind this run must not be waited for in turn.
/// </summary>
public static class CrossDateWait
{
    public static IReadOnlyList<Blocker> BlockersOf(DagPartitions dag, TaskPartitions reads, long runId, DateOnly date,
        IEnumerable<Producer> producers)
    {
        var windows = dag.ProducedReads(reads).ToList();
        if (windows.Count == 0) return [];
        var blockers = new List<Blocker>();
        foreach (var p in producers)
        {
            if (p.Finished || p.RunId == runId || p.Date == date) continue;
            foreach (var window in windows)
                if (dag.ProducerOf(window.Dataset) == p.TaskId && window.Covers(date, p.Date))
                    blockers.Add(new Blocker(window.Dataset, p.Date, p.TaskId, p.RunId));
        }
        return blockers.OrderBy(b => b.Date).ThenBy(b => b.RunId).ToList();
    }

    /// <summary>What the task instance shows while it waits: the first few partitions, and how many more.</summary>
    public static string Describe(IReadOnlyList<Blocker> blockers)
    {
        const int shown = 3;
        var text = string.Join(", ", blockers.Take(shown).Select(b => b.Describe()));
        return blockers.Count > shown ? $"{text} and {blockers.Count - shown} more" : text;
    }
}
