using Orchestrated.Workflows.Definitions;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Workflows.Tests.Runs;

public class RunProgressTests
{
    // a → b → d, a → c → d: a diamond.
    private static readonly DagDefinition Diamond = new()
    {
        Id = "diamond", Schedule = new ScheduleDefinition("0 2 * * *", "UTC", 1), StartDate = new DateOnly(2026, 1, 1),
        Tasks = [Task("a"), Task("b", "a"), Task("c", "a"), Task("d", "b", "c")],
    };

    private static TaskDefinition Task(string id, params string[] upstream) =>
        new(id, "clean", upstream, new Dictionary<string, string>(), new TaskSettings());

    private static RunProgress Of(params (string Task, TaskState State)[] states) =>
        RunProgress.Of(Diamond, states.ToDictionary(s => s.Task, s => s.State));

    [Fact]
    public void Roots_are_scheduled_first() =>
        Assert.Equal(["a"], Of(("a", TaskState.None), ("b", TaskState.None), ("c", TaskState.None), ("d", TaskState.None)).ToSchedule);

    [Fact]
    public void Tasks_whose_upstream_succeeded_are_scheduled_together() =>
        Assert.Equal(["b", "c"],
            Of(("a", TaskState.Success), ("b", TaskState.None), ("c", TaskState.None), ("d", TaskState.None)).ToSchedule);

    [Fact]
    public void A_join_waits_for_every_upstream() =>
        Assert.Empty(Of(("a", TaskState.Success), ("b", TaskState.Success), ("c", TaskState.Running), ("d", TaskState.None)).ToSchedule);

    [Fact]
    public void A_failure_fails_everything_below_it_in_one_pass_and_the_run()
    {
        var p = Of(("a", TaskState.Failed), ("b", TaskState.None), ("c", TaskState.None), ("d", TaskState.None));
        Assert.Equal(["b", "c", "d"], p.ToMarkUpstreamFailed);
        Assert.Equal(RunState.Failed, p.Finished);
    }

    [Fact]
    public void A_run_waits_while_a_task_is_up_for_retry()
    {
        var p = Of(("a", TaskState.Success), ("b", TaskState.UpForRetry), ("c", TaskState.Success), ("d", TaskState.None));
        Assert.Empty(p.ToSchedule);
        Assert.Null(p.Finished);
    }

    [Fact]
    public void A_run_succeeds_when_every_task_did() =>
        Assert.Equal(RunState.Success,
            Of(("a", TaskState.Success), ("b", TaskState.Success), ("c", TaskState.Success), ("d", TaskState.Success)).Finished);

    [Fact]
    public void A_branch_failure_leaves_the_other_branch_running()
    {
        var p = Of(("a", TaskState.Success), ("b", TaskState.Failed), ("c", TaskState.Running), ("d", TaskState.None));
        Assert.Equal(["d"], p.ToMarkUpstreamFailed);
        Assert.Null(p.Finished);
    }
}
