using System.Text.Json.Nodes;
using Orchestrated.Workflows.Partitions;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Workflows.Tests.Partitions;

public class RerunPlannerTests
{
    private static readonly DateOnly D = new(2026, 3, 10);
    private static readonly IReadOnlyDictionary<DateOnly, DateRuns> Succeeded =
        Enumerable.Range(-10, 30).ToDictionary(k => D.AddDays(k), _ => new DateRuns(InFlight: false, RunState.Success));

    /// <summary>Silver events of D cleaned, then an arrival <paramref name="lateBy"/> days later holding events of D.</summary>
    private static IReadOnlyList<PartitionStatus> LateArrival(int lateBy)
    {
        var ledger = new Ledger();
        for (var a = D.AddDays(-2); a <= D.AddDays(1); a = a.AddDays(1)) ledger.Bronze(a, a);
        ledger.Silver(D);
        ledger.Bronze(D.AddDays(lateBy), D.AddDays(lateBy), D);
        var judge = ledger.Judge(D.AddDays(-5));
        return ShippedDag.Partitions().Produced.Select(p => judge.StatusOf(p.Dataset, D)).ToList();
    }

    private static IReadOnlyList<RerunPlan> Plan(IReadOnlyList<PartitionStatus> statuses,
        IReadOnlyDictionary<DateOnly, DateRuns>? runs = null, Action<JsonObject>? dag = null, bool inBackfill = false) =>
        RerunPlanner.Plan(ShippedDag.Load(dag), statuses, runs ?? Succeeded, _ => inBackfill);

    [Fact]
    public void A_date_made_stale_by_late_events_re_runs_from_clean_down_and_says_why()
    {
        var plan = Assert.Single(Plan(LateArrival(2)));
        Assert.Equal(D, plan.Date);
        Assert.Equal([ShippedDag.Clean, ShippedDag.Sessions, ShippedDag.Reconcile, ShippedDag.Stats], plan.Tasks);
        Assert.Equal("stale — silver_events: bronze_events 2026-03-12 holds data of 2026-03-10", plan.Reason);
    }

    [Fact]
    public void Late_stream_events_re_run_their_arrival_first_and_their_date_once_the_arrival_holds_them()
    {
        var ledger = new Ledger();
        for (var a = D.AddDays(-2); a <= D.AddDays(1); a = a.AddDays(1)) ledger.Bronze(a, a);
        ledger.Silver(D);
        ledger.Late(arrival: D.AddDays(1), holds: D, events: 3);
        var judge = ledger.Judge(D.AddDays(-5));
        var statuses = new[] { D, D.AddDays(1) }
            .SelectMany(d => ShippedDag.Partitions().Produced.Select(p => judge.StatusOf(p.Dataset, d))).ToList();
        // D waits for its arrival's ingest: re-running it now would read what it read.
        var plan = Assert.Single(Plan(statuses));
        Assert.Equal(D.AddDays(1), plan.Date);
        Assert.Equal(ShippedDag.Ingest, plan.Tasks[0]);
        Assert.Equal("stale — bronze_events: raw_events 2026-03-11 received 3 late stream events", plan.Reason);
    }

    [Fact]
    public void Data_later_than_the_window_waits_for_a_person_except_inside_a_backfills_range()
    {
        Assert.Empty(Plan(LateArrival(4)));
        Assert.Single(Plan(LateArrival(4), dag: j => j["rerun_stale_within"] = "4d"));
        Assert.Single(Plan(LateArrival(9), inBackfill: true));
        Assert.Empty(Plan(LateArrival(1), dag: j => j["rerun_stale_within"] = "off"));
        Assert.Empty(Plan(LateArrival(9), dag: j => j["rerun_stale_within"] = "off", inBackfill: true));
    }

    [Fact]
    public void No_re_run_while_a_run_of_the_date_is_in_flight_or_after_its_latest_run_failed()
    {
        var inFlight = new Dictionary<DateOnly, DateRuns>(Succeeded) { [D] = new(InFlight: true, RunState.Success) };
        Assert.Empty(Plan(LateArrival(1), inFlight));
        var failed = new Dictionary<DateOnly, DateRuns>(Succeeded) { [D] = new(InFlight: false, RunState.Failed) };
        Assert.Empty(Plan(LateArrival(1), failed));
    }

    [Fact]
    public void A_partition_written_by_a_try_that_started_after_the_change_is_not_re_run_again()
    {
        var statuses = LateArrival(1).Select(s => s.Partition is { } p && s.State == PartitionState.Stale
            ? s with { Partition = p with { TryStartedAt = s.Changed.Max(c => c.ChangedAt).AddSeconds(1) } }
            : s).ToList();
        Assert.Empty(Plan(statuses));
    }
}
