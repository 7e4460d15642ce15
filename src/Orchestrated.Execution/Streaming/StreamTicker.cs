using Microsoft.Extensions.Hosting;
using Orchestrated.Domain.Time;

namespace Orchestrated.Execution.Streaming;

/// <summary>
/// Appends a tick to every partition of the event log at a steady interval: the stream's clock lives in the log
/// (see <see cref="EventLogEntry"/>), so without ticks a partition nobody posts to would never see time pass and
/// would keep its last sessions open for ever.
/// </summary>
public sealed class StreamTicker(IEventLog log, StreamOptions options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.TickInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = UtcMicros.FromDateTime(clock.GetUtcNow().UtcDateTime);
            try
            {
                await log.AppendAsync(Enumerable.Range(0, log.Partitions).Select(p => EventLogEntry.Tick(p, now)).ToList(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A broker away for a while: the clock waits with it, and catches up with the next tick.
            }
        }
    }
}
