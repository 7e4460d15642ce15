using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orchestrated.Pipeline;
using Orchestrated.Storage.Objects;

namespace Orchestrated.Execution.Streaming;

/// <summary>
/// The stream sessionizer of the embedded default: every partition of the in-process event log, each in its own loop.
/// (The distributed stream worker, with partition leases and checkpoints, is built on the same <see cref="LivePartition"/>.)
/// </summary>
public sealed class LiveSessionsService(IEventLog log, IObjectStore store, PipelineSettings settings, StreamOptions options,
    ILogger<LiveSessionsService> logger) : BackgroundService
{
    public IReadOnlyList<LivePartition> Partitions { get; private set; } = [];

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Partitions = Enumerable.Range(0, log.Partitions)
            .Select(p => new LivePartition(p, log, store, settings.Steps.Rules(), settings.Steps.HashKeyBytes(), options,
                settings.Steps.Parquet))
            .ToList();
        return Task.WhenAll(Partitions.Select((partition, p) => RunAsync(partition, p, stoppingToken)));
    }

    private async Task RunAsync(LivePartition partition, int index, CancellationToken ct)
    {
        try
        {
            await partition.RunAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception e)
        {
            logger.LogError(e, "the stream sessionizer of partition {Partition} stopped", index);
        }
    }
}
