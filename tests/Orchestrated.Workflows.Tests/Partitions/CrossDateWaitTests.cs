using Orchestrated.Storage.Layout;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Workflows.Tests.Partitions;

public class CrossDateWaitTests
{
    private static readonly DagPartitions Dag = ShippedDag.Partitions();
    private static readonly DateOnly D = new(2026, 3, 10);

    private static IReadOnlyList<Blocker> Blockers(string taskId, params Producer[] producers) =>
        CrossDateWait.BlockersOf(Dag, Dag.Of(taskId), runId: 1, D, producers);

    [Fact]
    public void Clean_waits_for_the_ingest_of_the_next_arrival_still_in_flight()
    {
        var blockers = Blockers(ShippedDag.Clean, new Producer(2, D.AddDays(1), ShippedDag.Ingest, Finished: false));
        Assert.Equal("bronze_events 2026-03-11 (ingest_raw_events of run 2)", Assert.Single(blockers).Describe());
    }

    [Fact]
    public void Clean_does_not_wait_for_arrivals_outside_its_window_nor_for_finished_ingests()
    {
        Assert.Empty(Blockers(ShippedDag.Clean,
            new Producer(2, D.AddDays(2), ShippedDag.Ingest, false),
            new Producer(3, D.AddDays(-3), ShippedDag.Ingest, false),
            new Producer(4, D.AddDays(1), ShippedDag.Ingest, Finished: true),
            new Producer(5, D.AddDays(1), ShippedDag.Clean, false)));
    }

    [Fact]
    public void Sessionize_waits_for_the_clean_events_of_the_days_before_and_after()
    {
        var blockers = Blockers(ShippedDag.Sessions,
            new Producer(2, D.AddDays(1), ShippedDag.Clean, false),
            new Producer(3, D.AddDays(-1), ShippedDag.Clean, false),
            new Producer(4, D.AddDays(-20), ShippedDag.Clean, false),
            new Producer(5, D.AddDays(2), ShippedDag.Clean, false),
            new Producer(6, D.AddDays(-1), ShippedDag.Ingest, false));
        Assert.Equal([D.AddDays(-20), D.AddDays(-1), D.AddDays(1)], blockers.Select(b => b.Date));
    }

    [Fact]
    public void Neither_its_own_run_nor_another_run_of_its_own_date_is_waited_for()
    {
        Assert.Empty(Blockers(ShippedDag.Sessions, new Producer(1, D.AddDays(1), ShippedDag.Clean, false),
            new Producer(7, D, ShippedDag.Clean, false)));
    }

    [Fact]
    public void What_a_waiting_task_shows_names_the_first_partitions_and_counts_the_rest()
    {
        var blockers =
            Enumerable.Range(1, 5).Select(k => new Blocker(Dataset.SilverEvents.Name, D.AddDays(-k), ShippedDag.Clean, k)).ToList();
        Assert.Equal("silver_events 2026-03-09 (clean_events of run 1), silver_events 2026-03-08 (clean_events of run 2), "
                     + "silver_events 2026-03-07 (clean_events of run 3) and 2 more", CrossDateWait.Describe(blockers));
    }
}
