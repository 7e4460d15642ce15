using Orchestrated.Workflows.Runs;

namespace Orchestrated.Workflows.Tests.Runs;

public class RunAdmissionTests
{
    [Fact]
    public void A_run_starts_while_its_pool_has_a_free_slot() =>
        Assert.Equal(Admission.Start,
            RunAdmission.Decide(dagPaused: false, fromBackfill: false, dateRunning: false, atWork: 2, readyAgain: 0, limit: 3));

    [Fact]
    public void Runs_ready_to_work_again_take_their_slots_before_a_queued_run()
    {
        Assert.Equal(Admission.NoSlot, RunAdmission.Decide(false, false, false, atWork: 2, readyAgain: 1, limit: 3));
        Assert.Equal(Admission.NoSlot, RunAdmission.Decide(false, true, false, atWork: 0, readyAgain: 1, limit: 1));
    }

    [Fact]
    public void A_paused_dag_holds_its_own_runs_but_not_a_backfills()
    {
        Assert.Equal(Admission.Paused, RunAdmission.Decide(dagPaused: true, fromBackfill: false, false, 0, 0, 3));
        Assert.Equal(Admission.Start, RunAdmission.Decide(dagPaused: true, fromBackfill: true, false, 0, 0, 3));
    }

    [Fact]
    public void A_second_run_of_a_running_date_waits_even_with_slots_free() =>
        Assert.Equal(Admission.DateBusy, RunAdmission.Decide(false, false, dateRunning: true, 0, 0, 3));
}
