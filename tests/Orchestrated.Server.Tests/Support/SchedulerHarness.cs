using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Orchestrated.Contracts;
using Orchestrated.Server.Alerts;
using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Operations;
using Orchestrated.Server.Reports;
using Orchestrated.Server.Scheduling;
using Orchestrated.Workflows.Partitions;
using Orchestrated.Workflows.Runs;

namespace Orchestrated.Server.Tests.Support;

/// <summary>
/// The server's scheduling services on a fake clock and a real metadata database, with MassTransit's test harness as
/// the broker. Tests play the workers: they read the tries the scheduler created and report on them.
/// </summary>
public sealed class SchedulerHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ITestHarness _bus;

    private SchedulerHarness(ServiceProvider services, ITestHarness bus, FakeTimeProvider clock)
    {
        _services = services;
        _bus = bus;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }
    public SchedulerOptions Options => Get<SchedulerOptions>();
    public Scheduler Scheduler => Get<Scheduler>();
    public TryReports Reports => Get<TryReports>();
    public RunOperations Runs => Get<RunOperations>();
    public BackfillOperations Backfills => Get<BackfillOperations>();
    public DagCatalog Dags => Get<DagCatalog>();
    public SlaMonitor Sla => Get<SlaMonitor>();
    public WebhookNotifier Notifier => Get<WebhookNotifier>();
    public IDbContextFactory<MetadataDb> Dbs => Get<IDbContextFactory<MetadataDb>>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static async Task<SchedulerHarness> StartAsync(TestDatabase database, string dagJson, DateTimeOffset now,
        Action<SchedulerOptions>? configure = null, AlertOptions? alerts = null)
    {
        var clock = new FakeTimeProvider(now);
        var options = new SchedulerOptions
        {
            HeartbeatTimeout = TimeSpan.FromSeconds(30), QueuedTimeout = TimeSpan.FromMinutes(5), LeaseDuration = TimeSpan.FromSeconds(15),
        };
        configure?.Invoke(options);
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(options);
        services.AddSingleton(alerts ?? new AlertOptions());
        services.AddHttpClient("alerts");
        services.AddMetadataDb(database.Options);
        services.AddOrchestration();
        services.AddMassTransitTestHarness();
        var provider = services.BuildServiceProvider();
        var bus = provider.GetRequiredService<ITestHarness>();
        await bus.Start();
        await provider.GetRequiredService<IDbContextFactory<MetadataDb>>().MigrateAsync();
        var dag = new Orchestrated.Workflows.Definitions.DagLoader(Orchestrated.Pipeline.Steps.StepRegistry.Standard.Catalog)
            .Parse(dagJson, "test.json");
        await provider.GetRequiredService<DagCatalog>()
            .SaveAsync(dag.Id, dagJson, "test", null, onlyIfChanged: true, CancellationToken.None);
        return new SchedulerHarness(provider, bus, clock);
    }

    /// <summary>A full scheduler pass, as the loop runs when its interval passes.</summary>
    public Task PassAsync() => Scheduler.RunPassAsync(full: true, [], CancellationToken.None);

    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await PassAsync();
    }

    public IReadOnlyList<RunTaskTry> Sent() => _bus.Sent.Select<RunTaskTry>().Select(m => m.Context.Message).ToList();

    public async Task<List<DagRunRecord>> RunsAsync()
    {
        await using var db = await Dbs.CreateDbContextAsync();
        return await db.Runs.AsNoTracking().OrderBy(r => r.LogicalDate).ThenBy(r => r.Id).ToListAsync();
    }

    public async Task<TaskInstanceRecord> TaskAsync(long runId, string taskId)
    {
        await using var db = await Dbs.CreateDbContextAsync();
        return await db.TaskInstances.AsNoTracking().SingleAsync(t => t.RunId == runId && t.TaskId == taskId);
    }

    public async Task<List<TaskTryRecord>> TriesAsync(long runId, string taskId)
    {
        await using var db = await Dbs.CreateDbContextAsync();
        var task = await db.TaskInstances.AsNoTracking().SingleAsync(t => t.RunId == runId && t.TaskId == taskId);
        return await db.Tries.AsNoTracking().Where(t => t.TaskInstanceId == task.Id).OrderBy(t => t.Number).ToListAsync();
    }

    public async Task<TaskTryRecord> CurrentTryAsync(long runId, string taskId)
    {
        var task = await TaskAsync(runId, taskId);
        Assert.NotNull(task.CurrentTryId);
        return (await TriesAsync(runId, taskId)).Single(t => t.Id == task.CurrentTryId);
    }

    /// <summary>A partition's state as the ledger judges it now (the partitions API's answer).</summary>
    public async Task<PartitionStatus> PartitionAsync(string dataset, DateOnly date)
    {
        await using var db = await Dbs.CreateDbContextAsync();
        var dag = await Dags.GetCurrentAsync("session_duration", CancellationToken.None);
        return (await Get<PartitionLedger>().JudgeAsync(db, dag, date, CancellationToken.None)).StatusOf(dataset, date);
    }

    public async Task<List<AlertRecord>> AlertsAsync()
    {
        await using var db = await Dbs.CreateDbContextAsync();
        return await db.Alerts.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    public Task StartAsync(Guid tryId, string worker = "worker-a", Guid execution = default) =>
        Reports.StartedAsync(new TaskTryStarted(tryId, worker, Clock.GetUtcNow(), execution), CancellationToken.None);

    public Task SucceedAsync(Guid tryId, StepReport? report = null, string worker = "worker-a", Guid execution = default) =>
        Reports.SucceededAsync(new TaskTrySucceeded(tryId, worker, Clock.GetUtcNow(), report ?? EmptyReport(), ["done"], execution),
            CancellationToken.None);

    public Task FailAsync(Guid tryId, string error = "No raw events yet", bool retryable = true, bool abandoned = false) =>
        Reports.FailedAsync(new TaskTryFailed(tryId, "worker-a", Clock.GetUtcNow(), error, "MissingInputException", retryable, abandoned,
            [], ["failed"]), CancellationToken.None);

    /// <summary>Starts and succeeds the current try of <paramref name="taskId"/>, then lets the scheduler advance.</summary>
    public async Task CompleteAsync(long runId, string taskId, StepReport? report = null)
    {
        var attempt = await CurrentTryAsync(runId, taskId);
        await StartAsync(attempt.Id);
        await SucceedAsync(attempt.Id, report);
        await Scheduler.AdvanceRunsAsync([runId], CancellationToken.None);
    }

    /// <summary>The tries dispatched and not yet reported, oldest first: what workers would be running.</summary>
    public async Task<List<(TaskTryRecord Try, TaskInstanceRecord Task)>> OutstandingAsync()
    {
        await using var db = await Dbs.CreateDbContextAsync();
        var tries = await db.Tries.AsNoTracking().Where(t => t.State == TaskState.Queued || t.State == TaskState.Running)
            .OrderBy(t => t.QueuedAt).ToListAsync();
        var ids = tries.Select(t => t.TaskInstanceId).ToList();
        var tasks = await db.TaskInstances.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id);
        return tries.Where(t => tasks[t.TaskInstanceId].CurrentTryId == t.Id).Select(t => (t, tasks[t.TaskInstanceId])).ToList();
    }

    /// <summary>
    /// Plays the workers until nothing is left to run: completes the oldest outstanding try, lets the scheduler pass,
    /// again; calls <paramref name="check"/> before each completion. Returns the tasks in the order they completed.
    /// </summary>
    public async Task<List<(DateOnly Date, string TaskId)>> DriveAsync(Func<Task>? check = null, int limit = 500)
    {
        var completed = new List<(DateOnly, string)>();
        var idlePasses = 0;
        for (var i = 0; i < limit; i++)
        {
            await PassAsync();
            if (check is not null) await check();
            var outstanding = await OutstandingAsync();
            if (outstanding.Count == 0)
            {
                // A run that finished in this pass frees its slot, a backfill completes, a stale date re-runs: on the next.
                if (++idlePasses == 3) return completed;
                continue;
            }
            idlePasses = 0;
            var (attempt, task) = outstanding[0];
            await StartAsync(attempt.Id);
            await SucceedAsync(attempt.Id);
            completed.Add((task.LogicalDate, task.TaskId));
        }
        throw new InvalidOperationException($"still busy after {limit} completions");
    }

    public static StepReport EmptyReport() => new() { Step = "test", Date = new DateOnly(2026, 3, 1) };

    public async Task<Dictionary<string, TaskState>> StatesAsync(long runId)
    {
        await using var db = await Dbs.CreateDbContextAsync();
        return await db.TaskInstances.AsNoTracking().Where(t => t.RunId == runId).ToDictionaryAsync(t => t.TaskId, t => t.State);
    }

    public async ValueTask DisposeAsync()
    {
        await _bus.Stop();
        await _services.DisposeAsync();
    }
}
