namespace Orchestrated.Domain.Events;

/// <summary>Why a raw line did not become an event. The names are the contract's, written as-is to the quarantine zone.</summary>
public enum QuarantineReason
{
    None = 0,
    MalformedJson,
    MissingStudentId,
    MissingTimestamp,
    InvalidTimestamp,
    FutureTimestamp,
    /// <summary>Beyond a bound on untrusted input (a file's decompressed size, the event dates one arrival may hold).</summary>
    OverLimit,
}
