using System.Runtime.CompilerServices;

namespace Orchestrated.Execution.Streaming;

/// <summary>
/// The event log of the embedded default: per partition a list in memory, offsets its indexes. Readers wait on a
/// signal for new entries. Gone when the process stops, as the embedded broker's messages are.
/// </summary>
public sealed class InMemoryEventLog : IEventLog
{
    private readonly List<EventLogEntry>[] _partitions;
    private readonly object _gate = new();
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InMemoryEventLog(int partitions) =>
        _partitions = Enumerable.Range(0, partitions).Select(_ => new List<EventLogEntry>()).ToArray();

    public int Partitions => _partitions.Length;

    public Task AppendAsync(IReadOnlyList<EventLogEntry> entries, CancellationToken ct)
    {
        TaskCompletionSource appended;
        lock (_gate)
        {
            foreach (var entry in entries) _partitions[entry.Partition].Add(entry);
            appended = _appended;
            _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        appended.SetResult();
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<(long Offset, EventLogEntry Entry)> ReadAsync(int partition, long fromOffset,
        [EnumeratorCancellation] CancellationToken ct)
    {
        var next = fromOffset;
        while (!ct.IsCancellationRequested)
        {
            EventLogEntry? entry = null;
            Task wait;
            lock (_gate)
            {
                if (next < _partitions[partition].Count) entry = _partitions[partition][(int)next];
                wait = _appended.Task;
            }
            if (entry is not null)
            {
                yield return (next++, entry);
                continue;
            }
            await wait.WaitAsync(ct);
        }
    }
}
