using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Orchestrated.Domain.Events;

/// <summary>
/// Turns one raw JSON object (a line, or an element of a JSON array file) into a <see cref="RawEvent"/>, or says
/// which quarantine reason applies. Reasons are checked in the contract's order: malformed JSON, then student id,
/// then timestamp presence, validity and distance into the future.
/// A hand-written scanner (<see cref="EventLineScanner"/>) takes the common line; whatever it declines is read here
/// with System.Text.Json, which alone decides what is quarantined and why.
/// </summary>
public sealed class RawEventParser
{
    private static readonly ReadOnlyMemory<byte> True = "true"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> False = "false"u8.ToArray();

    private readonly long _latestAllowedMicros;
    private readonly LineScratch _scratch = new();
    private readonly ArrayBufferWriter<byte> _extra = new(256);
    private readonly KeyOrder _keyOrder = new();

    /// <param name="latestAllowedMicros">Timestamps after this instant are
    /// <c>future_timestamp</c>: the end of the raw folder's date plus 24 h.</param>
    public RawEventParser(long latestAllowedMicros) => _latestAllowedMicros = latestAllowedMicros;

    /// <summary>Lines the scanner took (the rest went through System.Text.Json): for tests and benchmarks.</summary>
    public long ScannedLines { get; private set; }

    public ParseOutcome Parse(ReadOnlyMemory<byte> json, RawEvent target)
    {
        target.Clear();
        _scratch.Reset();
        _extra.Clear();
        if (new EventLineScanner(json, _scratch, _extra, _keyOrder).TryScan(target, _latestAllowedMicros))
        {
            ScannedLines++;
            return ParseOutcome.Accepted;
        }
        return ParseFully(json, target);
    }

    /// <summary>The line read by System.Text.Json alone: the reference the scanner is tested against.</summary>
    internal ParseOutcome ParseFully(ReadOnlyMemory<byte> json, RawEvent target)
    {
        target.Clear();
        _scratch.Reset();
        _extra.Clear();
        TimestampToken timestamp;
        bool studentIdIsString;
        try
        {
            if (!ReadObject(json, target, out timestamp, out studentIdIsString, out var notObject))
                return new ParseOutcome(QuarantineReason.MalformedJson, notObject);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
        {
            return new ParseOutcome(QuarantineReason.MalformedJson, e.Message);
        }

        if (!studentIdIsString || target.StudentId is not { } studentId || Text.Utf8Text.IsWhiteSpace(studentId.Span))
            return new ParseOutcome(QuarantineReason.MissingStudentId,
                studentIdIsString || target.StudentId is null ? "student_id is absent or empty" : "student_id is not a string");

        switch (timestamp.Kind)
        {
            case TimestampKind.Missing:
                return new ParseOutcome(QuarantineReason.MissingTimestamp, "timestamp is absent, null or empty");
            case TimestampKind.Invalid:
                return new ParseOutcome(QuarantineReason.InvalidTimestamp, timestamp.Detail);
        }
        target.TimestampMicros = timestamp.Micros;
        if (timestamp.Micros > _latestAllowedMicros)
            return new ParseOutcome(QuarantineReason.FutureTimestamp, "timestamp is more than 24 h after the end of the raw folder's date");
        return ParseOutcome.Accepted;
    }

    private bool ReadObject(ReadOnlyMemory<byte> memory, RawEvent target, out TimestampToken timestamp, out bool studentIdIsString,
        out string? notObject)
    {
        var json = memory.Span;
        timestamp = new TimestampToken(TimestampKind.Missing, 0, null);
        studentIdIsString = false;
        notObject = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            notObject = "expected a JSON object";
            return false;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = EventFields.Identify(ref reader);
            var nameStart = (int)reader.TokenStartIndex;
            reader.Read();
            switch (field)
            {
                case EventField.EventId: target.EventId = ReadText(ref reader, memory); break;
                case EventField.StudentId:
                    studentIdIsString = reader.TokenType == JsonTokenType.String;
                    target.StudentId = ReadText(ref reader, memory);
                    break;
                case EventField.Timestamp: timestamp = ReadTimestamp(ref reader); break;
                case EventField.EventType: target.EventType = ReadText(ref reader, memory); break;
                case EventField.PageUrl: target.PageUrl = ReadText(ref reader, memory); break;
                case EventField.ScreenName: target.ScreenName = ReadText(ref reader, memory); break;
                case EventField.Device: target.Device = ReadText(ref reader, memory); break;
                case EventField.Browser: target.Browser = ReadText(ref reader, memory); break;
                case EventField.Network: target.Network = ReadText(ref reader, memory); break;
                case EventField.CourseId: target.CourseId = ReadText(ref reader, memory); break;
                case EventField.ChapterId: target.ChapterId = ReadText(ref reader, memory); break;
                case EventField.Metadata: ReadMetadata(ref reader, memory, target); break;
                default: KeepUnknown(ref reader, json, nameStart); break;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("unterminated object");
        // A second value after the object (or garbage) makes Read throw: the line is malformed.
        if (reader.Read()) throw new JsonException("unexpected content after the JSON object");
        if (_extra.WrittenCount > 0)
        {
            _extra.Write("}"u8);
            target.Extra = Valid(_extra.WrittenMemory);
        }
        return true;
    }

    private void KeepUnknown(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, int nameStart)
    {
        var valueStart = (int)reader.TokenStartIndex;
        reader.Skip();
        var valueEnd = (int)reader.BytesConsumed;
        _extra.Write(_extra.WrittenCount == 0 ? "{"u8 : ","u8);
        // Raw name token (with its quotes and escapes) + ':' + raw value: still valid JSON, nothing re-encoded.
        var nameToken = json[nameStart..valueStart].TrimEnd(" \t\r\n:"u8);
        _extra.Write(nameToken);
        _extra.Write(":"u8);
        _extra.Write(json[valueStart..valueEnd]);
    }

    private static TimestampToken ReadTimestamp(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return new TimestampToken(TimestampKind.Missing, 0, null);
            case JsonTokenType.String:
            {
                ReadOnlySpan<byte> value = reader.ValueSpan;
                if (reader.ValueIsEscaped)
                {
                    if (value.Length > 64) return Invalid("timestamp is too long");
                    var unescaped = new byte[value.Length];
                    value = unescaped.AsSpan(0, reader.CopyString(unescaped));
                }
                if (value.Trim(" \t"u8).IsEmpty) return new TimestampToken(TimestampKind.Missing, 0, null);
                return EventTimestamp.TryParseIso(value, out var micros)
                    ? new TimestampToken(TimestampKind.Valid, micros, null)
                    : Invalid($"'{Truncate(value)}' is not ISO-8601 with Z or an offset");
            }
            case JsonTokenType.Number:
            {
                if (reader.TryGetInt64(out var ms))
                    return EventTimestamp.TryFromEpochMilliseconds(ms, out var micros)
                        ? new TimestampToken(TimestampKind.Valid, micros, null)
                        : Invalid($"epoch milliseconds {ms} are out of range");
                if (reader.TryGetDecimal(out var fractional) && EventTimestamp.TryFromEpochMilliseconds(fractional, out var fromDecimal))
                    return new TimestampToken(TimestampKind.Valid, fromDecimal, null);
                return Invalid($"epoch milliseconds {Truncate(reader.ValueSpan)} are out of range");
            }
            default:
                reader.Skip();
                return Invalid($"timestamp is a JSON {reader.TokenType}, not a string or a number");
        }

        static TimestampToken Invalid(string detail) => new(TimestampKind.Invalid, 0, detail);
        static string Truncate(ReadOnlySpan<byte> v) => Encoding.UTF8.GetString(v.Length > 64 ? v[..64] : v);
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, RawEvent target)
    {
        if (reader.TokenType == JsonTokenType.Null) return;
        var start = (int)reader.TokenStartIndex;
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            var depth = reader.CurrentDepth;
            while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
            {
                if (reader.TokenType != JsonTokenType.PropertyName || reader.CurrentDepth != depth + 1) continue;
                var isTimeSpent = reader.ValueTextEquals("time_spent_sec"u8);
                reader.Read();
                if (isTimeSpent)
                    target.TimeSpentSec = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var seconds)
                        && double.IsFinite(seconds)
                        ? seconds
                        : null;
                else reader.Skip();
            }
        }
        else reader.Skip();
        target.Metadata = Valid(json[start..(int)reader.BytesConsumed]);
    }

    /// <summary>Scalars become text (numbers keep their JSON spelling); objects and arrays keep their JSON text.</summary>
    private ReadOnlyMemory<byte>? ReadText(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json)
    {
        var start = (int)reader.TokenStartIndex;
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                if (!reader.ValueIsEscaped) return Valid(json.Slice(start + 1, reader.ValueSpan.Length));
                var unescaped = _scratch.Reserve(reader.ValueSpan.Length);
                return Valid(_scratch.Commit(reader.CopyString(unescaped)));
            case JsonTokenType.Number:
                return json.Slice(start, reader.ValueSpan.Length);
            case JsonTokenType.True:
                return True;
            case JsonTokenType.False:
                return False;
            default:
                reader.Skip();
                return Valid(json[start..(int)reader.BytesConsumed]);
        }
    }

    /// <summary>Texts go on as UTF-8 bytes, so they must be valid UTF-8: a line that is not is malformed.</summary>
    private static ReadOnlyMemory<byte> Valid(ReadOnlyMemory<byte> utf8) =>
        Utf8.IsValid(utf8.Span) ? utf8 : throw new JsonException("the line is not valid UTF-8");

    private enum TimestampKind { Missing, Invalid, Valid }

    private readonly record struct TimestampToken(TimestampKind Kind, long Micros, string? Detail);
}
