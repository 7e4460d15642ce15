using MassTransit;
using Orchestrated.Contracts;

namespace Orchestrated.Execution;

/// <summary>
/// Runs a task try and reports it: started, heartbeats while it runs, then succeeded or failed. Never throws for a
/// step's failure — the server's state machine owns retries, so the broker must not redeliver a failed try.
/// </summary>
public sealed class RunTaskTryConsumer(StepRunner runner, WorkerIdentity worker, TimeProvider clock) : IConsumer<RunTaskTry>
{
    public async Task Consume(ConsumeContext<RunTaskTry> context)
    {
        var command = context.Message;
        await context.Publish(new TaskTryStarted(command.TryId, worker.Name, clock.GetUtcNow()));
        var progress = new LatestProgress();
        await using (Heartbeats.Start(context, command, worker.Name, progress, clock))
        {
            var outcome = await runner.RunAsync(command, progress, worker.Stopping);
            var finished = clock.GetUtcNow();
            // The worker may be stopping: the outcome must still reach the server, so it is not tied to that token.
            switch (outcome)
            {
                case TryOutcome.Succeeded s:
                    await context.Publish(new TaskTrySucceeded(command.TryId, worker.Name, finished, s.Report, s.Log), CancellationToken.None);
                    break;
                case TryOutcome.Failed f:
                    await context.Publish(new TaskTryFailed(command.TryId, worker.Name, finished, f.Error, f.ErrorType, f.Retryable, f.Abandoned, f.DataQuality, f.Log), CancellationToken.None);
                    break;
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

        public static Heartbeats Start(ConsumeContext context, RunTaskTry command, string worker, LatestProgress progress, TimeProvider clock)
        {
            var beats = new Heartbeats();
            beats._loop = beats.RunAsync(context, command, worker, progress, clock);
            return beats;
        }

        private async Task RunAsync(ConsumeContext context, RunTaskTry command, string worker, LatestProgress progress, TimeProvider clock)
        {
            using var timer = new PeriodicTimer(command.HeartbeatInterval, clock);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                    await context.Publish(new TaskTryHeartbeat(command.TryId, worker, clock.GetUtcNow(), progress.Value), _stop.Token);
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
