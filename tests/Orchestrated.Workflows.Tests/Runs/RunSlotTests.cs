using Orchestrated.Workflows.Runs;

namespace Orchestrated.Workflows.Tests.Runs;

public class RunSlotTests
{
    [Fact]
    public void A_run_whose_next_tasks_all_wait_for_other_runs_gives_its_slot_up() =>
        Assert.False(RunSlot.Holds([TaskState.Success, TaskState.Waiting, TaskState.None, TaskState.None]));

    [Theory]
    [InlineData(TaskState.Scheduled)]
    [InlineData(TaskState.Queued)]
    [InlineData(TaskState.Running)]
    [InlineData(TaskState.UpForRetry)]
    public void A_run_with_a_task_on_its_way_holds_its_slot_even_beside_a_waiting_one(TaskState busy) =>
        Assert.True(RunSlot.Holds([TaskState.Success, TaskState.Waiting, busy]));

    [Fact]
    public void A_run_just_started_holds_its_slot() => Assert.True(RunSlot.Holds([TaskState.None, TaskState.None]));
}
