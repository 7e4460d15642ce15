using Microsoft.EntityFrameworkCore;
using Orchestrated.Execution.Streaming;
using Orchestrated.Pipeline;
using Orchestrated.Server.Metadata;
using Orchestrated.Server.Scheduling;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Server.Streaming;

/// <summary>
/// The stream sessionizer: the partitions this process owns (<see cref="PartitionOwnership"/>), each read into a
/// <see cref="LivePartition"/> from its last checkpoint (or the start of the log); a partition whose lease is lost stops
/// at once, and one gained starts. A new owner writes exactly the files the old one did after that checkpoint (same
/// names, same bytes): nothing lost, nothing twice, whenever a worker dies.
/// </summary>
public sealed class StreamSessionsService(IEventLog log, IObjectStore store, PipelineSettings settings, StreamOptions options,
    IDbContextFactory<MetadataDb> dbs, ILateEventLedger lateLedger, StreamPartitionReports reports, TimeProvider clock,
    LeaderLease identity, ILogger<StreamSessionsService> logger)
    : BackgroundService
{
    private readonly Dictionary<int, (CancellationTokenSource Stop, Task Run, LivePartition Partition)> _running = [];

    public IReadOnlyDictionary<int, LivePartition> Running => _running.ToDictionary(r => r.Key, r => r.Value.Partition);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var ownership = new PartitionOwnership(dbs, clock, identity.Holder, log.Partitions, options.LeaseDuration);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                IReadOnlySet<int> owned;
                try { owned = await ownership.RebalanceAsync(stoppingToken); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "stream partition leases could not be renewed; the partitions stop until they are");
                    owned = new HashSet<int>();
                }
                // Lost, or failed (then read again from its last checkpoint while still owned).
                foreach (var p in _running.Where(r => !owned.Contains(r.Key) || r.Value.Run.IsCompleted).Select(r => r.Key).ToList())
                    await StopAsync(p);
                foreach (var p in owned.Where(p => !_running.ContainsKey(p))) Start(p, stoppingToken);
                try { await reports.PublishAsync(identity.Holder, _running.Values.Select(r => r.Partition).ToList(), stoppingToken); }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "stream partition states were not reported; other processes' Live pages miss them until they are");
                }
                await Task.Delay(options.LeaseDuration / 3, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            foreach (var p in _running.Keys.ToList()) await StopAsync(p);
            try { await ownership.ReleaseAllAsync(CancellationToken.None); }
            catch (Exception e) { logger.LogWarning(e, "stream partition leases were not given back; they expire instead"); }
        }
    }

    private void Start(int p, CancellationToken stoppingToken)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var partition = new LivePartition(p, log, store, settings.Steps.Rules(), settings.Steps.HashKeyBytes(), options,
            settings.Steps.Parquet, lateLedger, logger);
        _running[p] = (stop, RunAsync(p, partition, stop.Token), partition);
        logger.LogInformation("stream partition {Partition}: sessionizing here", p);
    }

    private async Task RunAsync(int p, LivePartition partition, CancellationToken ct)
    {
        try { await partition.RunAsync(ct); }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception e)
        {
            logger.LogError(e, "stream partition {Partition} failed; it is read again from its last checkpoint", p);
        }
    }

    private async Task StopAsync(int p)
    {
        var (stop, run, _) = _running[p];
        _running.Remove(p);
        await stop.CancelAsync();
        try { await run; } catch (Exception) { /* logged where it ran */ }
        stop.Dispose();
    }
}
