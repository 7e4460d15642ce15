namespace Orchestrated.Execution.Streaming;

/// <summary>
/// One entry of the event log: a partition's accepted events of one post, as NDJSON (the bytes as sent, one per
/// line), and the raw-zone file they also landed in (so a reader can tell batch and stream saw the same events).
/// </summary>
public sealed record EventLogEntry(int Partition, byte[] Events, int Count, string RawFile);
