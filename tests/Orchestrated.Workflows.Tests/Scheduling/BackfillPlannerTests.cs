using Orchestrated.Workflows.Runs;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Workflows.Tests.Scheduling;

public class BackfillPlannerTests
{
    private static readonly DateOnly D1 = new(2026, 3, 1), D2 = new(2026, 3, 2), D3 = new(2026, 3, 3), D4 = new(2026, 3, 4),
        D5 = new(2026, 3, 5);

    private static readonly Dictionary<DateOnly, RunState> Latest = new()
    {
        [D1] = RunState.Success, [D2] = RunState.Failed, [D3] = RunState.Running, [D5] = RunState.Cancelled,
    };

    private static DateOnly[] Runs(IReadOnlyList<BackfillDate> plan) =>
        plan.Where(p => p.Action == BackfillAction.Run).Select(p => p.Date).ToArray();

    [Fact]
    public void Missing_runs_dates_without_a_success() =>
        Assert.Equal([D2, D4, D5], Runs(BackfillPlanner.Plan(D1, D5, ReprocessMode.Missing, Latest)));

    [Fact]
    public void Failed_runs_only_failed_dates() => Assert.Equal([D2], Runs(BackfillPlanner.Plan(D1, D5, ReprocessMode.Failed, Latest)));

    [Fact]
    public void All_runs_every_date_not_already_running() =>
        Assert.Equal([D1, D2, D4, D5], Runs(BackfillPlanner.Plan(D1, D5, ReprocessMode.All, Latest)));

    [Fact]
    public void Stale_runs_only_stale_dates() =>
        Assert.Equal([D1, D4], Runs(BackfillPlanner.Plan(D1, D5, ReprocessMode.Stale, Latest, new HashSet<DateOnly> { D1, D4 })));

    [Fact]
    public void Every_date_gets_a_reason()
    {
        var plan = BackfillPlanner.Plan(D1, D5, ReprocessMode.Missing, Latest);
        Assert.Equal(5, plan.Count);
        Assert.Equal("a run is already running", plan.Single(p => p.Date == D3).Reason);
        Assert.Equal("already succeeded", plan.Single(p => p.Date == D1).Reason);
    }

    [Fact]
    public void A_reversed_or_huge_range_is_refused()
    {
        Assert.Throws<ArgumentException>(() => BackfillPlanner.Plan(D5, D1, ReprocessMode.All, Latest));
        Assert.Throws<ArgumentException>(() => BackfillPlanner.Plan(D1, D1.AddDays(BackfillPlanner.MaxDays), ReprocessMode.All, Latest));
    }

    [Fact]
    public void A_year_is_planned_date_by_date()
    {
        var plan = BackfillPlanner.Plan(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), ReprocessMode.Missing,
            new Dictionary<DateOnly, RunState>());
        Assert.Equal(365, Runs(plan).Length);
    }
}
