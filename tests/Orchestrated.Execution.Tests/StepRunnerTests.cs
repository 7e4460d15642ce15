using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Orchestrated.Contracts;
using Orchestrated.Execution;
using Orchestrated.Execution.Messaging;
using Orchestrated.Pipeline;
using Orchestrated.Pipeline.Sample;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Storage.Layout;
using Orchestrated.Storage.Objects;
using Orchestrated.Workflows.Definitions;
using Orchestrated.Workflows.Partitions;

namespace Orchestrated.Execution.Tests;

/// <summary>What a worker makes of a try: the real steps on a real folder, failures classified for the scheduler.</summary>
public sealed class StepRunnerTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("orchestrated-runner-").FullName;
    private static readonly DateOnly D = new(2026, 3, 2);

    private StepRunner Runner() => new(ObjectStores.Open(_root), new PipelineSettings { Storage = _root }, StepRegistry.Standard,
        NullLoggerFactory.Instance, TimeProvider.System);

    private static RunTaskTry Command(string step, Dictionary<string, string>? parameters = null, TimeSpan? timeout = null) => new()
    {
        TryId = Guid.NewGuid(), RunId = 1, DagId = "d", TaskId = step, Step = step, LogicalDate = D, TryNumber = 1,
        Params = parameters ?? [], ExecutionTimeout = timeout ?? TimeSpan.FromMinutes(5), HeartbeatInterval = TimeSpan.FromSeconds(5),
        DispatchedAt = DateTimeOffset.UtcNow,
    };

    [Fact]
    public void The_catalog_names_exactly_the_pipeline_steps_plus_reconcile_the_engagement_steps_and_noop() =>
        Assert.Equal(StepRegistry.Standard.DataSteps.Concat([ReconcileDescriptor.StepName, FeaturesDescriptor.StepName,
                CoursesDescriptor.StepName,
                TrainDropoutDescriptor.StepName, ScoreStudentsDescriptor.StepName, TrainAnomalyDescriptor.StepName,
                TrainEarlyWarningDescriptor.StepName, ScoreSessionsDescriptor.StepName, NoOpDescriptor.StepName]),
            StepRegistry.Standard.Catalog.Steps.Select(s => s.Name));

    [Fact]
    public void Each_step_declares_the_datasets_it_writes_with_where_they_live()
    {
        var writes = StepRegistry.Standard.DataSteps.Select(s => StepRegistry.Standard.Get(s).Writes.Select(d => d.Prefix)).ToList();
        Assert.Equal([["bronze/events", "quarantine/events"], ["silver/events"], ["silver/sessions"], ["gold/session_daily_stats"]],
            writes);
        var context = new PartitionContext(new Dictionary<string, string>(), LateArrivalDays: 1);
        Assert.Equal(writes.Select(w => w.Count()),
            StepRegistry.Standard.DataSteps.Select(s => StepRegistry.Standard.Catalog.Find(s)!.Partitions(context).Writes.Count));
    }

    [Fact]
    public async Task A_missing_input_is_a_failure_retrying_can_help_with_its_log()
    {
        var outcome =
            Assert.IsType<TryOutcome.Failed>(await Runner().RunAsync(Command(IngestDescriptor.StepName), null, CancellationToken.None));
        Assert.True(outcome.Retryable);
        Assert.False(outcome.Abandoned);
        Assert.Equal(nameof(MissingInputException), outcome.ErrorType);
        Assert.Contains(outcome.Log, l => l.Contains("failed: No raw events"));
    }

    [Fact]
    public async Task A_step_runs_with_the_try_params_and_reports_its_counts_and_files()
    {
        SampleDataGenerator.Write(_root, new SampleOptions(D, Days: 1, Students: 20, EdgeCases: false));
        var runner = Runner();
        Assert.IsType<TryOutcome.Succeeded>(await runner.RunAsync(Command(IngestDescriptor.StepName), null, CancellationToken.None));
        Assert.IsType<TryOutcome.Succeeded>(await runner.RunAsync(Command(CleanDescriptor.StepName), null, CancellationToken.None));
        var sessions = Assert.IsType<TryOutcome.Succeeded>(await runner.RunAsync(
            Command(SessionizeDescriptor.StepName, new() { ["inactivity_gap"] = "5m" }), null, CancellationToken.None));
        var wider = Assert.IsType<TryOutcome.Succeeded>(await runner.RunAsync(
            Command(SessionizeDescriptor.StepName, new() { ["inactivity_gap"] = "2h" }), null, CancellationToken.None));
        Assert.True(sessions.Report.RowsWritten > wider.Report.RowsWritten, "a shorter gap must split more sessions");
        Assert.Contains(sessions.Report.Outputs, o => o.Key == "silver/sessions/date=2026-03-02/part-00000.parquet");
        // The day before was looked for and not found: recorded, so the ledger can tell when it arrives.
        Assert.Contains(sessions.Report.Inputs, i => i.Key == "silver/events/date=2026-03-01/part-00000.parquet"
            && i.Version == StoredObject.AbsentVersion);
        Assert.Contains(sessions.Report.Inputs, i => i.Key == "silver/events/date=2026-03-02/part-00000.parquet"
            && i.Version != StoredObject.AbsentVersion);
    }

    [Fact]
    public async Task A_bad_param_is_a_failure_retrying_cannot_help()
    {
        var outcome = Assert.IsType<TryOutcome.Failed>(await Runner()
            .RunAsync(Command(SessionizeDescriptor.StepName, new() { ["colour"] = "red" }), null, CancellationToken.None));
        Assert.False(outcome.Retryable);
    }

    [Fact]
    public async Task A_worker_that_is_stopping_hands_the_try_back()
    {
        SampleDataGenerator.Write(_root, new SampleOptions(D, Days: 1, Students: 20, EdgeCases: false));
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();
        var outcome = Assert.IsType<TryOutcome.Failed>(await Runner().RunAsync(Command(IngestDescriptor.StepName), null, stopping.Token));
        Assert.True(outcome.Abandoned);
        Assert.Equal("WorkerShutdown", outcome.ErrorType);
    }

    [Fact]
    public async Task A_try_past_its_execution_timeout_stops_and_may_be_retried()
    {
        // Big enough (about a second of ingest) that the timeout fires even when other tests keep the thread pool busy.
        SampleDataGenerator.Write(_root, new SampleOptions(D, Days: 1, Students: 20_000, EdgeCases: false));
        var outcome = Assert.IsType<TryOutcome.Failed>(await Runner()
            .RunAsync(Command(IngestDescriptor.StepName, timeout: TimeSpan.FromMilliseconds(1)), null, CancellationToken.None));
        Assert.Equal(("Timeout", true, false), (outcome.ErrorType, outcome.Retryable, outcome.Abandoned));
    }

    [Theory]
    [InlineData(50 * 24 * 60)]  // beyond what .NET's timers take: once, every try faulted before it could report
    [InlineData(0)]
    public async Task A_try_whose_execution_timeout_is_out_of_range_fails_with_a_reason_instead_of_faulting(int minutes)
    {
        var outcome = Assert.IsType<TryOutcome.Failed>(await Runner()
            .RunAsync(Command(NoOpDescriptor.StepName, timeout: TimeSpan.FromMinutes(minutes)), null, CancellationToken.None));
        Assert.Equal(("InvalidExecutionTimeout", false), (outcome.ErrorType, outcome.Retryable));
        Assert.Contains("execution_timeout", outcome.Error);
    }

    [Fact]
    public async Task A_noop_step_succeeds_without_touching_storage()
    {
        var outcome =
            Assert.IsType<TryOutcome.Succeeded>(await Runner().RunAsync(Command(NoOpDescriptor.StepName), null, CancellationToken.None));
        Assert.Empty(outcome.Report.Outputs);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
    }

    [Fact]
    public void A_worker_refuses_an_unknown_step_to_host()
    {
        Assert.Equal(["clean", "aggregate"],
            new WorkerOptions { Steps = ["clean", "aggregate", "clean"] }.HostedSteps(StepRegistry.Standard));
        var e = Assert.Throws<ArgumentException>(() => new WorkerOptions { Steps = ["clena"] }.HostedSteps(StepRegistry.Standard));
        Assert.Contains("clena", e.Message);
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
