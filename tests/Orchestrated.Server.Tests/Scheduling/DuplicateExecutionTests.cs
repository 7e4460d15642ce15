using Orchestrated.Server.Reports;
using Orchestrated.Server.Tests.Support;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Tests.Scheduling;

/// <summary>
/// A try can run twice: its worker loses the broker, the message goes back to the queue and another worker runs it,
/// while the watchdog may already have given up on it and dispatched a retry. The try's record shows every execution,
/// and the first outcome decides the try: a late success of a try the watchdog failed does not make it a success.
/// </summary>
[Trait("Probe", "hostile")]
public sealed class DuplicateExecutionTests
{
    private const string Ingest = "ingest_raw_events";

    public static TheoryData<string> Databases() => new() { "sqlite", "postgres" };

    private static async Task<(TestDatabase Db, SchedulerHarness H, long RunId)> StartAsync(string provider)
    {
        var database = provider == "sqlite" ? TestDatabase.Sqlite() : await TestDatabase.PostgresAsync();
        var h = await SchedulerHarness.StartAsync(database, TestDags.SessionDuration(j => j["start_date"] = "2030-01-01"),
            new DateTimeOffset(2026, 3, 4, 3, 0, 0, TimeSpan.Zero));
        var run = await h.Runs.TriggerAsync("session_duration", new DateOnly(2026, 3, 2), null, null, CancellationToken.None);
        await h.Scheduler.StartQueuedRunsAsync(CancellationToken.None);
        return (database, h, run.Id);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_late_success_after_the_watchdog_failed_the_try_is_shown_but_does_not_count(string provider)
    {
        var (database, h, runId) = await StartAsync(provider);
        await using var _ = database;
        await using var __ = h;
        var first = await h.CurrentTryAsync(runId, Ingest);
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        await h.StartAsync(first.Id, "worker-a", a);
        await h.AdvanceAsync(TimeSpan.FromSeconds(41)); // no heartbeat: the watchdog fails the try and dispatches a retry
        var retry = await h.CurrentTryAsync(runId, Ingest);
        Assert.NotEqual(first.Id, retry.Id);

        await h.StartAsync(first.Id, "worker-b", b); // the broker redelivered the first try to another worker
        await h.SucceedAsync(first.Id, worker: "worker-b", execution: b);
        await h.SucceedAsync(first.Id, worker: "worker-a", execution: a); // and the first worker was only slow

        var attempt = (await h.TriesAsync(runId, Ingest)).Single(t => t.Id == first.Id);
        Assert.Equal((TaskState.Failed, "WorkerLost"), (attempt.State, attempt.ErrorType));
        var executions = TryExecutions.Of(attempt);
        Assert.Equal([("worker-a", "success", false), ("worker-b", "success", false)],
            executions.Select(e => (e.Worker, e.Outcome, e.Counted)));
        Assert.All(executions, e => Assert.Contains("already failed", e.Note));
        var task = await h.TaskAsync(runId, Ingest);
        Assert.Equal((retry.Id, TaskState.Queued), (task.CurrentTryId!.Value, task.State));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task A_try_run_twice_after_a_redelivery_shows_both_executions_and_counts_the_first_outcome(string provider)
    {
        var (database, h, runId) = await StartAsync(provider);
        await using var _ = database;
        await using var __ = h;
        var attempt = await h.CurrentTryAsync(runId, Ingest);
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        await h.StartAsync(attempt.Id, "worker-a", a);
        await h.StartAsync(attempt.Id, "worker-b", b);
        await h.SucceedAsync(attempt.Id, worker: "worker-b", execution: b);
        await h.SucceedAsync(attempt.Id, worker: "worker-b", execution: b); // the same report delivered twice
        await h.Reports.FailedAsync(new Contracts.TaskTryFailed(attempt.Id, "worker-a", h.Clock.GetUtcNow(), "disk full", "IOException",
            Retryable: true, Abandoned: false, [], [], a), CancellationToken.None);

        var stored = (await h.TriesAsync(runId, Ingest)).Single();
        Assert.Equal(TaskState.Success, stored.State);
        Assert.Equal([("worker-a", "failed", false), ("worker-b", "success", true)],
            TryExecutions.Of(stored).Select(e => (e.Worker, e.Outcome, e.Counted)));
        Assert.Contains("disk full", TryExecutions.Of(stored)[0].Note);
        Assert.Equal(TaskState.Success, (await h.TaskAsync(runId, Ingest)).State);
    }

    [Fact]
    public void Executions_kept_per_try_are_bounded()
    {
        var attempt = new Metadata.TaskTryRecord();
        for (var i = 0; i < 100; i++) TryExecutions.Seen(attempt, Guid.NewGuid(), $"worker-{i}", DateTime.UtcNow);
        var kept = TryExecutions.Of(attempt);
        Assert.Equal(TryExecutions.MaxKept, kept.Count);
        Assert.Equal("worker-0", kept[0].Worker);
        Assert.Equal("worker-99", kept[^1].Worker);
    }
}
