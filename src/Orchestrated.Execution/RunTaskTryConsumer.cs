using MassTransit;
using Orchestrated.Contracts;

namespace Orchestrated.Execution;

/// <summary>
/// Runs a task try and reports it: started, heartbeats while it runs, then succeeded or failed. Never throws for a
/// step's failure — the server's state machine owns retries, so the broker must not redeliver a failed try.
/// </summary>
public sealed class RunTaskTryConsumer(StepRunner runner, WorkerIdentity worker, TimeProvider clock) : IConsumer<RunTaskTry>
{
    private const int ReportAttempts = 120;
    private static readonly TimeSpan ReportRetryDelay = TimeSpan.FromSeconds(1);

    public async Task Consume(ConsumeContext<RunTaskTry> context)
    {
        var command = context.Message;
        var execution = Guid.NewGuid();
        await context.Publish(new TaskTryStarted(command.TryId, worker.Name, clock.GetUtcNow(), execution));
        var progress = new LatestProgress();
        await using (Heartbeats.Start(context, command, worker.Name, execution, progress, clock))
        {
            var outcome = await runner.RunAsync(command, progress, worker.Stopping);
            var finished = clock.GetUtcNow();
            object report = outcome switch
            {
                TryOutcome.Succeeded s => new TaskTrySucceeded(command.TryId, worker.Name, finished, s.Report, s.Log, execution),
                TryOutcome.Failed f => new TaskTryFailed(command.TryId, worker.Name, finished, f.Error, f.ErrorType, f.Retryable,
                    f.Abandoned, f.DataQuality, f.Log, execution),
                _ => throw new InvalidOperationException(outcome.GetType().Name),
            };
            await ReportAsync(context, report);
        }
    }

    /// <summary>
    /// The outcome must reach the server even across a broker restart: the work is done and redoing it costs a
    /// whole try. So publishing is retried for a while (not tied to the stopping token) before giving up; if it
    /// still fails, the server's watchdog sees the silence and retries the task.
    /// </summary>
    private static async Task ReportAsync(ConsumeContext context, object report)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await context.Publish(report, report.GetType(), CancellationToken.None);
                return;
            }
            catch (Exception) when (attempt < ReportAttempts)
            {
                await Task.Delay(ReportRetryDelay);
            }
        }
    }

    private sealed class LatestProgress : IProgress<double>
    {
        public double? Value { get; private set; }

        public void Report(double value) => Value = value;

        public static implicit operator double?(LatestProgress p) => p.Value;
    }

    private sealed class Heartbeats : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private Task _loop = Task.CompletedTask;

        public static Heartbeats Start(ConsumeContext context, RunTaskTry command, string worker, Guid execution, LatestProgress progress,
            TimeProvider clock)
        {
            var beats = new Heartbeats();
            beats._loop = beats.RunAsync(context, command, worker, execution, progress, clock);
            return beats;
        }

        private async Task RunAsync(ConsumeContext context, RunTaskTry command, string worker, Guid execution, LatestProgress progress,
            TimeProvider clock)
        {
            using var timer = new PeriodicTimer(command.HeartbeatInterval, clock);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                    await context.Publish(new TaskTryHeartbeat(command.TryId, worker, clock.GetUtcNow(), progress.Value, execution),
                        _stop.Token);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try { await _loop; }
            catch (Exception) { /* a lost heartbeat is what the server's watchdog is for */ }
            _stop.Dispose();
        }
    }
}
