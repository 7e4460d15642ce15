namespace Orchestrated.Pipeline.Sample;

/// <summary>How a generated timestamp is spelled in the raw line.</summary>
internal enum TimestampStyle { IsoMillis, IsoOffset0530, EpochMillis, IsoNanos, IsoNoZone, Missing }
