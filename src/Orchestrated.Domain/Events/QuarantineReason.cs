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
}

public static class QuarantineReasons
{
    public static readonly IReadOnlyList<QuarantineReason> All =
    [
        QuarantineReason.MalformedJson, QuarantineReason.MissingStudentId, QuarantineReason.MissingTimestamp,
        QuarantineReason.InvalidTimestamp, QuarantineReason.FutureTimestamp,
    ];

    public static string ToContractName(this QuarantineReason reason) => reason switch
    {
        QuarantineReason.MalformedJson => "malformed_json",
        QuarantineReason.MissingStudentId => "missing_student_id",
        QuarantineReason.MissingTimestamp => "missing_timestamp",
        QuarantineReason.InvalidTimestamp => "invalid_timestamp",
        QuarantineReason.FutureTimestamp => "future_timestamp",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "not a quarantine reason"),
    };
}
