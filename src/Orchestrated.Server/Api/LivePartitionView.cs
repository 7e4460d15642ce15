namespace Orchestrated.Server.Api;

/// <summary>
/// One partition's state; times are UTC, null until the partition has read anything. <c>ResumedFrom</c> is the offset of
/// the checkpoint its reading started from (-1: the start of the stream). <c>Holder</c> owns it; <c>ReportedAt</c> is
/// when it last reported, for a partition another process owns (null for one owned here: it is as of now).
/// </summary>
public sealed record LivePartitionView(int Partition, DateTime? Watermark, DateTime? StreamTime, double? LagSeconds, int OpenSessions,
    int HeldEvents, long LateEvents, long SessionsClosed, long LastOffset, long EventsRead, long ResumedFrom, string Holder,
    DateTime? ReportedAt);
