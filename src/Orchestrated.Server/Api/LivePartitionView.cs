namespace Orchestrated.Server.Api;

/// <summary>One partition's state; times are UTC, null until the partition has read anything.</summary>
public sealed record LivePartitionView(int Partition, DateTime? Watermark, DateTime? StreamTime, double? LagSeconds, int OpenSessions,
    int HeldEvents, long LateEvents, long SessionsClosed, long LastOffset);
