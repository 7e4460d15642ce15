using Orchestrated.Storage.Layout;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Workflows.Tests.Partitions;

public class PartitionJudgeTests
{
    private static readonly DateOnly D = new(2026, 3, 10);
    private static readonly DateOnly Horizon = D.AddDays(-5);

    /// <summary>Arrivals D-2 … D ingested, D's own holding a late event of D-1.</summary>
    private static Ledger ArrivedUpTo(DateOnly last)
    {
        var ledger = new Ledger();
        for (var a = D.AddDays(-2); a <= last; a = a.AddDays(1)) ledger.Bronze(a, a);
        return ledger;
    }

    [Fact]
    public void Clean_events_are_provisional_until_the_next_arrival_is_in_and_name_it()
    {
        var ledger = ArrivedUpTo(D);
        ledger.Silver(D);
        var status = ledger.Judge(Horizon).StatusOf(Dataset.SilverEvents.Name, D);
        Assert.Equal(PartitionState.Provisional, status.State);
        Assert.Equal(["bronze_events 2026-03-11"], status.MissingInputs);
        Assert.Null(status.FinalSince);
    }

    [Fact]
    public void An_arrival_without_events_of_the_date_makes_it_final_without_recomputing()
    {
        var ledger = ArrivedUpTo(D);
        ledger.Silver(D);
        var next = ledger.Bronze(D.AddDays(1), D.AddDays(1));
        var status = ledger.Judge(Horizon).StatusOf(Dataset.SilverEvents.Name, D);
        Assert.Equal(PartitionState.Final, status.State);
        Assert.Equal(next.WrittenAt, status.FinalSince); // final since the last partition it waited for arrived
    }

    [Fact]
    public void An_arrival_holding_late_events_makes_the_date_stale_however_late_it_is()
    {
        var ledger = ArrivedUpTo(D.AddDays(1));
        ledger.Silver(D);
        ledger.Bronze(D.AddDays(6), D.AddDays(6), D);
        var status = ledger.Judge(Horizon).StatusOf(Dataset.SilverEvents.Name, D);
        Assert.Equal(PartitionState.Stale, status.State);
        var change = Assert.Single(status.Changed);
        Assert.Equal("bronze_events 2026-03-16 holds data of 2026-03-10", change.What);
        Assert.Equal(D.AddDays(6), change.Date);
    }

    [Fact]
    public void Late_stream_events_make_their_arrival_stale_and_their_date_stale_awaiting_the_arrivals_ingest()
    {
        var ledger = ArrivedUpTo(D.AddDays(1));
        ledger.Silver(D);
        var late = ledger.Late(arrival: D.AddDays(1), holds: D, events: 3);
        var judge = ledger.Judge(Horizon);

        var arrival = judge.StatusOf(Dataset.Bronze.Name, D.AddDays(1));
        Assert.Equal(PartitionState.Stale, arrival.State);
        var into = Assert.Single(arrival.Changed);
        Assert.Equal(("raw_events 2026-03-11 received 3 late stream events", late.At, null), (into.What, into.ChangedAt, into.Awaits));
        var date = Assert.Single(judge.StatusOf(Dataset.SilverEvents.Name, D).Changed);
        Assert.Equal(PartitionState.Stale, judge.StatusOf(Dataset.SilverEvents.Name, D).State);
        Assert.Equal("3 late stream events of 2026-03-10 in raw_events 2026-03-11, counted once bronze_events 2026-03-11 is ingested",
            date.What);
        Assert.Equal("bronze_events 2026-03-11", date.Awaits);
        Assert.DoesNotContain(judge.StatusOf(Dataset.SilverEvents.Name, D.AddDays(-1)).Changed, c => c.What.Contains("late stream"));

        // Ingested again: the arrival now holds them, and the date is stale by that rule, ready to re-run.
        ledger.Bronze(D.AddDays(1), D.AddDays(1), D);
        judge = ledger.Judge(Horizon);
        Assert.Empty(judge.StatusOf(Dataset.Bronze.Name, D.AddDays(1)).Changed);
        Assert.Equal(["bronze_events 2026-03-11 holds data of 2026-03-10"],
            judge.StatusOf(Dataset.SilverEvents.Name, D).Changed.Select(c => c.What));

        // Cleaned again: nothing is stale any more.
        ledger.Silver(D);
        Assert.Empty(ledger.Judge(Horizon).StatusOf(Dataset.SilverEvents.Name, D).Changed);
    }

    [Fact]
    public void Late_stream_events_of_an_arrival_not_ingested_yet_leave_it_missing_and_await_it()
    {
        var ledger = ArrivedUpTo(D);
        ledger.Silver(D);
        ledger.Late(arrival: D.AddDays(1), holds: D, events: 2);
        var judge = ledger.Judge(Horizon);
        Assert.Equal(PartitionState.Missing, judge.StatusOf(Dataset.Bronze.Name, D.AddDays(1)).State);
        Assert.Equal("bronze_events 2026-03-11", Assert.Single(judge.StatusOf(Dataset.SilverEvents.Name, D).Changed).Awaits);
    }

    [Fact]
    public void A_rewritten_input_makes_the_partition_stale()
    {
        var ledger = ArrivedUpTo(D.AddDays(1));
        ledger.Silver(D);
        ledger.Bronze(D, D);
        Assert.Equal(["bronze_events 2026-03-10 rewritten"],
            ledger.Judge(Horizon).StatusOf(Dataset.SilverEvents.Name, D).Changed.Select(c => c.What));
    }

    [Fact]
    public void Before_the_horizon_nothing_is_awaited()
    {
        var ledger = new Ledger();
        ledger.Bronze(D, D);
        ledger.Bronze(D.AddDays(1), D.AddDays(1));
        ledger.Silver(D);
        Assert.Equal(PartitionState.Final, ledger.Judge(horizon: D).StatusOf(Dataset.SilverEvents.Name, D).State);
        Assert.Equal(["bronze_events 2026-03-08", "bronze_events 2026-03-09"],
            ledger.Judge(Horizon).StatusOf(Dataset.SilverEvents.Name, D).MissingInputs);
    }

    [Fact]
    public void What_it_read_from_before_the_horizon_is_given_what_it_read_after_it_must_be_recorded()
    {
        // History written before the DAG's first run (by the CLI, say): the first date's sessions read its last day.
        var ledger = ArrivedUpTo(D.AddDays(2));
        ledger.Silver(D);
        var history = new LedgerInput(Ledger.Key(Dataset.SilverEvents.Name, D.AddDays(-1)), "v1", Dataset.SilverEvents.Name, D.AddDays(-1));
        ledger.Sessions(D, history, ledger.Current(Dataset.SilverEvents.Name, D), Ledger.Absent(Dataset.SilverEvents.Name, D.AddDays(1)));
        ledger.Silver(D.AddDays(1));
        ledger.Sessions(D, history, ledger.Current(Dataset.SilverEvents.Name, D), ledger.Current(Dataset.SilverEvents.Name, D.AddDays(1)));

        Assert.Equal(PartitionState.Final, ledger.Judge(horizon: D).StatusOf(Dataset.Sessions.Name, D).State);
        var within = ledger.Judge(horizon: D.AddDays(-1)).StatusOf(Dataset.Sessions.Name, D);
        Assert.Equal(PartitionState.Provisional, within.State);
        Assert.Equal(["silver_events 2026-03-09 (not recorded by this DAG)"], within.ProvisionalInputs);
    }

    [Fact]
    public void Sessions_that_looked_for_the_next_day_in_vain_are_provisional_then_stale_when_it_arrives()
    {
        var ledger = ArrivedUpTo(D.AddDays(2));
        foreach (var d in new[] { D.AddDays(-1), D }) ledger.Silver(d);
        ledger.Sessions(D, ledger.Current(Dataset.SilverEvents.Name, D.AddDays(-1)), ledger.Current(Dataset.SilverEvents.Name, D),
            Ledger.Absent(Dataset.SilverEvents.Name, D.AddDays(1)));
        var before = ledger.Judge(Horizon).StatusOf(Dataset.Sessions.Name, D);
        Assert.Equal(PartitionState.Provisional, before.State);
        Assert.Equal(["silver_events 2026-03-11"], before.MissingInputs);

        ledger.Silver(D.AddDays(1));
        Assert.Equal(["silver_events 2026-03-11 arrived"],
            ledger.Judge(Horizon).StatusOf(Dataset.Sessions.Name, D).Changed.Select(c => c.What));
    }

    [Fact]
    public void Sessions_are_final_only_when_the_clean_events_they_read_are_final()
    {
        var ledger = ArrivedUpTo(D.AddDays(1));
        foreach (var d in new[] { D.AddDays(-1), D, D.AddDays(1) }) ledger.Silver(d);
        ledger.Sessions(D, ledger.Current(Dataset.SilverEvents.Name, D.AddDays(-1)), ledger.Current(Dataset.SilverEvents.Name, D),
            ledger.Current(Dataset.SilverEvents.Name, D.AddDays(1)));
        ledger.Stats(D);
        var judge = ledger.Judge(horizon: D.AddDays(-2));
        Assert.Equal(["silver_events 2026-03-11 is provisional"], judge.StatusOf(Dataset.Sessions.Name, D).ProvisionalInputs);
        Assert.Equal(["sessions 2026-03-10 is provisional"], judge.StatusOf(Dataset.DailyStats.Name, D).ProvisionalInputs);
        Assert.Equal(["bronze_events 2026-03-12"], judge.StatusOf(Dataset.DailyStats.Name, D).Awaiting); // what it waits for, at the root

        ledger.Bronze(D.AddDays(2), D.AddDays(2)); // holds nothing of D+1: silver of D+1 is final as it stands
        judge = ledger.Judge(horizon: D.AddDays(-2));
        Assert.Equal(PartitionState.Final, judge.StatusOf(Dataset.Sessions.Name, D).State);
        Assert.Equal(PartitionState.Final, judge.StatusOf(Dataset.DailyStats.Name, D).State);
        Assert.Equal(judge.StatusOf(Dataset.SilverEvents.Name, D.AddDays(1)).FinalSince,
            judge.StatusOf(Dataset.DailyStats.Name, D).FinalSince);
    }

    [Fact]
    public void Stats_of_rewritten_sessions_are_stale_and_a_failed_quality_check_is_failed()
    {
        var ledger = ArrivedUpTo(D);
        ledger.Silver(D);
        ledger.Sessions(D, ledger.Current(Dataset.SilverEvents.Name, D));
        ledger.Stats(D);
        ledger.Sessions(D, ledger.Current(Dataset.SilverEvents.Name, D));
        Assert.Equal(PartitionState.Stale, ledger.Judge(Horizon).StatusOf(Dataset.DailyStats.Name, D).State);
        ledger.Write(Dataset.DailyStats.Name, D, ShippedDag.Stats, [ledger.Current(Dataset.Sessions.Name, D)], [], quality: false);
        Assert.Equal(PartitionState.Failed, ledger.Judge(Horizon).StatusOf(Dataset.DailyStats.Name, D).State);
        Assert.Equal(PartitionState.Missing, ledger.Judge(Horizon).StatusOf(Dataset.DailyStats.Name, D.AddDays(1)).State);
    }
}
