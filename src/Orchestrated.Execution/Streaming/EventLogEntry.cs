namespace Orchestrated.Execution.Streaming;

/// <summary>
/// One entry of the event log: a partition's accepted events of one post, as NDJSON (the bytes as sent, one per
/// line), the raw-zone file they also landed in (so a reader can tell batch and stream saw the same events), and when
/// it was appended. That time, not a reader's clock, is the stream's wall clock: a replay of the log then makes the
/// same decisions (idle timeouts included) as the first reading did. A tick (<see cref="Count"/> 0, no events) only
/// moves that clock on, so a quiet partition still closes its sessions.
/// </summary>
public sealed record EventLogEntry(int Partition, byte[] Events, int Count, string RawFile, long AppendedAtMicros)
{
    public bool IsTick => Count == 0;

    public static EventLogEntry Tick(int partition, long atMicros) => new(partition, [], 0, "", atMicros);
}
