using Orchestrated.Domain.Live;

namespace Orchestrated.Execution.Streaming;

/// <summary>
/// A partition's state at the end of a micro-batch, committed as one object: the offset read to, the stream time of
/// that last flush, the counts, the posts remembered (a post appended twice counts once), the files written since the
/// previous checkpoint, and the sessionizer's <see cref="LiveState"/>. Files written after it and before a crash are
/// written again, under the same names with the same bytes, by whoever resumes from it.
/// </summary>
public sealed record PartitionCheckpoint(int Partition, long Offset, long LastFlush, long EventsRead, long SessionsClosed,
    IReadOnlyList<string> Posts, IReadOnlyList<string> FilesSincePrevious, LiveState State);
