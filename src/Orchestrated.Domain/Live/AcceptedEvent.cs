namespace Orchestrated.Domain.Live;

/// <summary>One accepted event: its line in the body, the bytes as sent, its partition and its event time.</summary>
public sealed record AcceptedEvent(long Line, byte[] Bytes, int Partition, long TimestampMicros);
