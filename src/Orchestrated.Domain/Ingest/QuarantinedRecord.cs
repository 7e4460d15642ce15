using System.Text;
using Orchestrated.Domain.Events;

namespace Orchestrated.Domain.Ingest;

/// <summary>A raw record that is not an event: where it was, why, and (cut to <see cref="MaxRawBytes"/>) what it said.</summary>
public sealed record QuarantinedRecord(QuarantineReason Reason, string File, long Line, string? Detail, string? Raw)
{
    /// <summary>The raw text kept of a record: enough to see what went wrong, not a copy of a 10 MB line.</summary>
    public const int MaxRawBytes = 1024;

    public static QuarantinedRecord Of(QuarantineReason reason, string file, RawRecord record, string? detail)
    {
        var raw = record.Bytes.Span;
        if (raw.Length > MaxRawBytes) raw = raw[..MaxRawBytes];
        return new QuarantinedRecord(reason, file, record.Line, detail, raw.IsEmpty ? null : Encoding.UTF8.GetString(raw));
    }
}
