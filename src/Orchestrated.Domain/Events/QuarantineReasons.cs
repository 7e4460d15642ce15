namespace Orchestrated.Domain.Events;

public static class QuarantineReasons
{
    public static readonly IReadOnlyList<QuarantineReason> All =
    [
        QuarantineReason.MalformedJson, QuarantineReason.MissingStudentId, QuarantineReason.MissingTimestamp,
        QuarantineReason.InvalidTimestamp, QuarantineReason.FutureTimestamp, QuarantineReason.OverLimit,
    ];

    public static string ToContractName(this QuarantineReason reason) => reason switch
    {
        QuarantineReason.MalformedJson => "malformed_json",
        QuarantineReason.MissingStudentId => "missing_student_id",
        QuarantineReason.MissingTimestamp => "missing_timestamp",
        QuarantineReason.InvalidTimestamp => "invalid_timestamp",
        QuarantineReason.FutureTimestamp => "future_timestamp",
        QuarantineReason.OverLimit => "over_limit",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "not a quarantine reason"),
    };
}
