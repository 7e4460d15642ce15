using Microsoft.Extensions.Logging.Abstractions;
using Orchestrated.Contracts;
using Orchestrated.Execution;
using Orchestrated.Pipeline;
using Orchestrated.Pipeline.Steps;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Server.Tests.Support;

/// <summary>
/// Plays the workers with the real steps: takes a try the scheduler dispatched — which one, a seeded random picks, as
/// if several workers raced — runs it through the worker's <see cref="StepRunner"/> on a local folder and reports its
/// outcome. The fake clock moves a second before and after, so every write is later than the start of what read it.
/// </summary>
public sealed class PipelineWorkers(SchedulerHarness h, string storage, string studentHashKey, Random random)
{
    private readonly StepRunner _runner = new(new LocalObjectStore(storage),
        new PipelineSettings { Storage = storage, Steps = new StepSettings { StudentHashKey = studentHashKey } }, StepRegistry.Standard,
        NullLoggerFactory.Instance, h.Clock);

    public int Completed { get; private set; }

    /// <summary>Runs one outstanding try; false when none is outstanding.</summary>
    public async Task<bool> RunOneAsync()
    {
        var outstanding = await h.OutstandingAsync();
        if (outstanding.Count == 0) return false;
        var (attempt, _) = outstanding[random.Next(outstanding.Count)];
        var command = h.Sent().Last(c => c.TryId == attempt.Id);
        await h.StartAsync(attempt.Id, "worker");
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var outcome = await _runner.RunAsync(command, null, CancellationToken.None);
        h.Clock.Advance(TimeSpan.FromSeconds(1));
        var now = h.Clock.GetUtcNow();
        if (outcome is TryOutcome.Succeeded ok)
            await h.Reports.SucceededAsync(new TaskTrySucceeded(attempt.Id, "worker", now, ok.Report, ok.Log), CancellationToken.None);
        else if (outcome is TryOutcome.Failed failed)
            await h.Reports.FailedAsync(new TaskTryFailed(attempt.Id, "worker", now, failed.Error, failed.ErrorType, failed.Retryable,
                failed.Abandoned, failed.DataQuality, failed.Log), CancellationToken.None);
        Completed++;
        return true;
    }
}
