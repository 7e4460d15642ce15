using System.Runtime.CompilerServices;

namespace Orchestrated.Execution.Streaming;

/// <summary>
/// The event log of the embedded default: per partition a list in memory, offsets its indexes. Readers wait on a
/// signal for new entries. Ticks are not kept (a day of them would be a third of a million entries): a partition's
/// clock is only its latest tick, handed to a reader that has nothing newer, at the offset of the last entry it read.
/// Gone when the process stops, as the embedded broker's messages are.
/// </summary>
public sealed class InMemoryEventLog : IEventLog
{
    private readonly List<EventLogEntry>[] _partitions;
    private readonly long[] _clock;
    private readonly object _gate = new();
    private TaskCompletionSource _appended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InMemoryEventLog(int partitions)
    {
        _partitions = Enumerable.Range(0, partitions).Select(_ => new List<EventLogEntry>()).ToArray();
        _clock = new long[partitions];
    }

    public int Partitions => _partitions.Length;

    public bool Durable => false;

    public Task AppendAsync(IReadOnlyList<EventLogEntry> entries, CancellationToken ct)
    {
        TaskCompletionSource appended;
        lock (_gate)
        {
            foreach (var entry in entries)
            {
                if (entry.IsTick) _clock[entry.Partition] = Math.Max(_clock[entry.Partition], entry.AppendedAtMicros);
                else _partitions[entry.Partition].Add(entry);
            }
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
        var clockSeen = 0L;
        while (!ct.IsCancellationRequested)
        {
            (long, EventLogEntry)? item = null;
            Task wait;
            lock (_gate)
            {
                var entries = _partitions[partition];
                if (next < entries.Count) item = (next, entries[(int)next]);
                else if (_clock[partition] > clockSeen) item = (next - 1, EventLogEntry.Tick(partition, _clock[partition]));
                wait = _appended.Task;
            }
            if (item is { } found)
            {
                if (found.Item2.IsTick) clockSeen = found.Item2.AppendedAtMicros;
                else next++;
                yield return found;
                continue;
            }
            await wait.WaitAsync(ct);
        }
    }
}
