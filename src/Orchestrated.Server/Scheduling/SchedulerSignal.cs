using System.Threading.Channels;

namespace Orchestrated.Server.Scheduling;

/// <summary>
/// Wakes the scheduler when something happened (a task finished, a run was triggered), naming the run to advance,
/// so a completion moves its run on within milliseconds without re-scanning every run.
/// </summary>
public sealed class SchedulerSignal
{
    private readonly Channel<long?> _channel = Channel.CreateUnbounded<long?>();

    /// <summary>Something changed in <paramref name="runId"/> (or, with null, somewhere: do a full pass).</summary>
    public void Notify(long? runId = null) => _channel.Writer.TryWrite(runId);

    /// <summary>Waits up to <paramref name="timeout"/> for a signal, then drains all pending ones.</summary>
    public async Task<(bool Full, HashSet<long> Runs)> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        var runs = new HashSet<long>();
        var full = false;
        try
        {
            await _channel.Reader.WaitToReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            full = true; // the interval passed: time-based work (cron, retries, watchdog, SLA) is due
        }
        while (_channel.Reader.TryRead(out var run))
            if (run is { } id) runs.Add(id);
            else full = true;
        return (full, runs);
    }
}
