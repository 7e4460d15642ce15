namespace Orchestrated.Domain.Live;

/// <summary>
/// One session the live and the batch sessions of a date disagree on: <c>only_batch</c>, <c>only_live</c>,
/// <c>different</c> (both, with other values: <see cref="Detail"/> names the fields) or <c>duplicate_live</c> (written
/// twice by the stream, which exactly-once forbids). <see cref="ExplainedByLate"/>: the student had late events that
/// day (or the day before or after), which the batch counts and the stream could not.
/// </summary>
public sealed record SessionDifference(string SessionId, string StudentHash, string Kind, bool ExplainedByLate, string Detail);
