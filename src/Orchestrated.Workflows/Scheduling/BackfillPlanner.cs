using Orchestrated.Workflows.Runs;

namespace Orchestrated.Workflows.Scheduling;

/// <summary>What a backfill of a date range will do, date by date — also the dry run's answer.</summary>
public static class BackfillPlanner
{
    public const int MaxDays = 3660;

    /// <param name="latestRuns">The state of the latest run of each date that has one.</param>
    /// <param name="staleDates">Dates with at least one stale output (for <see cref="ReprocessMode.Stale"/>).</param>
    public static IReadOnlyList<BackfillDate> Plan(DateOnly from, DateOnly to, ReprocessMode mode,
        IReadOnlyDictionary<DateOnly, RunState> latestRuns, IReadOnlySet<DateOnly>? staleDates = null)
    {
        if (to < from) throw new ArgumentException($"The range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).");
        if (to.DayNumber - from.DayNumber + 1 > MaxDays) throw new ArgumentException($"A backfill covers at most {MaxDays} days.");
        var plan = new List<BackfillDate>();
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            var has = latestRuns.TryGetValue(date, out var state);
            plan.Add(Decide(date, mode, has ? state : null, staleDates?.Contains(date) ?? false));
        }
        return plan;
    }

    private static BackfillDate Decide(DateOnly date, ReprocessMode mode, RunState? latest, bool stale)
    {
        if (latest is RunState.Queued or RunState.Running)
            return new(date, BackfillAction.Skip, $"a run is already {latest.ToString()!.ToLowerInvariant()}");
        return mode switch
        {
            ReprocessMode.All =>
                new(date, BackfillAction.Run, latest is null ? "no run yet" : $"re-run (last run {Describe(latest.Value)})"),
            ReprocessMode.Missing when latest is RunState.Success => new(date, BackfillAction.Skip, "already succeeded"),
            ReprocessMode.Missing => new(date, BackfillAction.Run, latest is null ? "no run yet" : $"last run {Describe(latest.Value)}"),
            ReprocessMode.Failed when latest is RunState.Failed => new(date, BackfillAction.Run, "last run failed"),
            ReprocessMode.Failed =>
                new(date, BackfillAction.Skip, latest is null ? "no run yet (mode: failed only)" : $"last run {Describe(latest.Value)}"),
            ReprocessMode.Stale when stale => new(date, BackfillAction.Run, "outputs are stale"),
            ReprocessMode.Stale => new(date, BackfillAction.Skip, "outputs are up to date or missing"),
            _ => throw new ArgumentOutOfRangeException(nameof(mode)),
        };
    }

    private static string Describe(RunState state) => state.ToString().ToLowerInvariant();
}
