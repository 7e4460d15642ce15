using Orchestrated.Storage.Layout;
using System.Text.Json.Nodes;
using Orchestrated.Workflows.Definitions;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Workflows.Tests.Partitions;

public class StepPartitionsTests
{
    [Fact]
    public void Each_step_of_the_shipped_dag_maps_the_dates_it_reads()
    {
        var dag = ShippedDag.Partitions();
        Assert.Equal(["raw_events D"], dag.Of(ShippedDag.Ingest).Reads.Select(w => w.Describe()));
        Assert.Equal(["bronze_events D-2…D+1"], dag.Of(ShippedDag.Clean).Reads.Select(w => w.Describe()));
        Assert.Equal(["silver_events D-31…D+1"], dag.Of(ShippedDag.Sessions).Reads.Select(w => w.Describe()));
        Assert.Equal(["sessions D"], dag.Of(ShippedDag.Stats).Reads.Select(w => w.Describe()));
        Assert.Equal(ShippedDag.Clean, dag.ProducerOf(Dataset.SilverEvents.Name));
        Assert.Null(dag.ProducerOf(Dataset.Raw.Name));
        Assert.True(dag.CrossDate);
    }

    [Fact]
    public void The_late_arrival_window_and_the_session_rules_set_how_far_a_task_reads()
    {
        var dag = ShippedDag.Partitions(j =>
        {
            j["late_arrival_days"] = 3;
            j["tasks"]![2]!["params"]!["max_session_duration"] = "36h";
            j["tasks"]![2]!["params"]!["max_lookback_days"] = 5;
        });
        Assert.Equal(["bronze_events D-2…D+3"], dag.Of(ShippedDag.Clean).Reads.Select(w => w.Describe()));
        Assert.Equal(["silver_events D-5…D+2"], dag.Of(ShippedDag.Sessions).Reads.Select(w => w.Describe()));
    }

    [Fact]
    public void A_runs_override_of_the_session_cap_widens_that_runs_window()
    {
        var definition = ShippedDag.Load();
        var dag = new DagPartitions(definition, Standard.Catalog);
        var task = definition.Task(ShippedDag.Sessions);
        var overridden = new Dictionary<string, string>(task.Params) { ["max_session_duration"] = "3d" };
        Assert.Equal(["silver_events D-31…D+3"], dag.Of(task, overridden).Reads.Select(w => w.Describe()));
        Assert.Same(dag.Of(ShippedDag.Sessions), dag.Of(task, task.Params));
    }

    [Fact]
    public void A_dag_of_no_op_tasks_reads_nothing_across_dates()
    {
        var dag = ShippedDag.Partitions(j =>
        {
            foreach (var t in j["tasks"]!.AsArray()) { t!["step"] = "noop"; t.AsObject().Remove("params"); }
        });
        Assert.False(dag.CrossDate);
        Assert.Empty(dag.Produced);
    }

    [Fact]
    public void Windows_cover_exactly_their_offsets()
    {
        var window = new PartitionWindow(Dataset.Bronze.Name, -2, 1, WindowUse.Every);
        var d = new DateOnly(2026, 3, 10);
        Assert.Equal([d.AddDays(-2), d.AddDays(-1), d, d.AddDays(1)], window.DatesFor(d));
        Assert.True(window.Covers(d, d.AddDays(-2)));
        Assert.False(window.Covers(d, d.AddDays(-3)));
        Assert.False(window.Covers(d, d.AddDays(2)));
    }
}
