using Microsoft.EntityFrameworkCore;
using Orchestrated.Server.Tests.Support;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Tests.Scheduling;

/// <summary>
/// A heartbeat read a try while it was queued; before it was saved, the try's failure landed. Saving the heartbeat
/// once wrote the try back to running for good, next to the retries that followed it (seen in a distributed run
/// under load). Each change of a try now bumps its revision, and a stale write is refused and re-read.
/// </summary>
[Trait("Probe", "hostile")]
public class TryRevisionTests
{
    public static TheoryData<string> Databases() => new() { "sqlite", "postgres" };

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_report_that_read_a_try_before_it_failed_cannot_write_it_back_to_running(string provider)
    {
        await using var database = provider == "sqlite" ? TestDatabase.Sqlite() : await TestDatabase.PostgresAsync();
        await using var h = await SchedulerHarness.StartAsync(database, TestDags.SessionDuration(j => j["start_date"] = "2030-01-01"),
            new DateTimeOffset(2026, 3, 4, 3, 0, 0, TimeSpan.Zero));
        var run = await h.Runs.TriggerAsync("session_duration", new DateOnly(2026, 3, 2), null, null, CancellationToken.None);
        await h.Scheduler.StartQueuedRunsAsync(CancellationToken.None);
        var attempt = await h.CurrentTryAsync(run.Id, "ingest_raw_events");

        await using var late = await h.Dbs.CreateDbContextAsync();
        var stale = await late.Tries.SingleAsync(t => t.Id == attempt.Id); // read while queued
        await h.FailAsync(attempt.Id, "No raw events yet", retryable: true);

        stale.State = TaskState.Running;
        stale.LastHeartbeatAt = DateTime.UtcNow;
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => late.SaveChangesAsync());
        var tries = await h.TriesAsync(run.Id, "ingest_raw_events");
        Assert.Equal(TaskState.Failed, tries.Single(t => t.Id == attempt.Id).State);
    }
}
