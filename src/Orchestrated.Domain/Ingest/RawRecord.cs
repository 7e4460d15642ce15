namespace Orchestrated.Domain.Ingest;

/// <summary>
/// One candidate event from a raw file: a line, or an element of a JSON array file. <see cref="Problem"/> is set
/// when the bytes could not even be cut out (a line over the size limit, a corrupt gzip stream, a broken array):
/// such records are quarantined as <c>malformed_json</c> with the problem as detail.
/// The bytes are valid only until the next record is read.
/// </summary>
public readonly record struct RawRecord(long Line, ReadOnlyMemory<byte> Bytes, string? Problem);
