using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Alerts;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Tests.Support;
using Orchestrated.Testing;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Tests.Scheduling;

/// <summary>One DAG that cannot be handled must not stop the scheduler for the others.</summary>
[Trait("Probe", "hostile")]
public class PassIsolationTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 3, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A version stored before today's bounds existed (a data deadline of ten million days), as an older server
    /// would have accepted it: it no longer loads.
    /// </summary>
    private static async Task StoreUnloadableDagAsync(SchedulerHarness h)
    {
        await using var db = await h.Dbs.CreateDbContextAsync();
        db.Dags.Add(new DagRecord { DagId = "broken", CurrentVersion = 1 });
        db.DagVersions.Add(new DagVersionRecord
        {
            DagId = "broken", Version = 1, Source = "an older server", CreatedAt = Now.UtcDateTime,
            Json = TestDags.SessionDuration(j => { j["id"] = "broken"; j["data_deadline"] = "10000000d"; }),
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_dag_whose_stored_definition_no_longer_loads_does_not_stop_the_others_being_scheduled_and_run()
    {
        await using var database = TestDatabase.Sqlite();
        await using var h = await SchedulerHarness.StartAsync(database, TestDags.SessionDuration(), Now);
        await StoreUnloadableDagAsync(h);

        await h.PassAsync(); // does not throw: the broken DAG is logged and passed over

        var runs = await h.RunsAsync();
        Assert.NotEmpty(runs);
        Assert.All(runs, r => Assert.Equal("session_duration", r.DagId));
        Assert.Contains(runs, r => r.State == RunState.Running);
        Assert.NotEmpty(h.Sent());
    }

    [Fact]
    public async Task Sla_checks_go_on_for_the_other_dags_when_one_cannot_be_checked()
    {
        await using var database = TestDatabase.Sqlite();
        await using var h = await SchedulerHarness.StartAsync(database,
            TestDags.SessionDuration(j => { j["start_date"] = "2026-03-01"; j["data_deadline"] = "1h"; }), Now);
        await StoreUnloadableDagAsync(h);

        await h.Sla.CheckAsync(Now, CancellationToken.None);

        var alerts = await h.AlertsAsync();
        Assert.Contains(alerts, a => a.Kind == AlertKind.SlaMiss && a.DagId == "session_duration");
        Assert.DoesNotContain(alerts, a => a.DagId == "broken");
    }

    [Fact]
    public async Task Alert_text_is_escaped_for_slack_markup_so_names_from_files_cannot_ping_or_link()
    {
        using var receiver = new WebhookReceiver();
        await using var database = TestDatabase.Sqlite();
        await using var h = await SchedulerHarness.StartAsync(database, TestDags.SessionDuration(j => j["start_date"] = "2030-01-01"),
            Now, alerts: new AlertOptions { Webhooks = [receiver.Url] });
        var run = await h.Runs.TriggerAsync("session_duration", new DateOnly(2026, 3, 2), null, null, CancellationToken.None);
        await h.Scheduler.StartQueuedRunsAsync(CancellationToken.None);
        await h.FailAsync((await h.CurrentTryAsync(run.Id, "ingest_raw_events")).Id, "<!channel> file <http://x|y> & more",
            retryable: false);

        await h.Notifier.DeliverAsync(CancellationToken.None);

        var text = Assert.Single(receiver.Accepted).GetProperty("text").GetString()!;
        Assert.Contains("&lt;!channel&gt; file &lt;http://x|y&gt; &amp; more", text);
        Assert.DoesNotContain("<!channel>", text);
    }
}
