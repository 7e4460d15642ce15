using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Orchestrated.Domain.Events;

/// <summary>
/// Turns one raw JSON object (a line, or an element of a JSON array file) into a <see cref="RawEvent"/>, or says
/// which quarantine reason applies. Reasons are checked in the contract's order: malformed JSON, then student id,
/// then timestamp presence, validity and distance into the future.
/// </summary>
public sealed class RawEventParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private const int PooledValueMaxChars = 512;

    private readonly long _latestAllowedMicros;
    private readonly StringPool _pool;
    private readonly ArrayBufferWriter<byte> _extra = new(256);
    private char[] _scratch = new char[4096];
    private int _scratchUsed;

    /// <param name="latestAllowedMicros">Timestamps after this instant are <c>future_timestamp</c>: the end of the raw folder's date plus 24 h.</param>
    public RawEventParser(long latestAllowedMicros, StringPool? pool = null)
    {
        _latestAllowedMicros = latestAllowedMicros;
        _pool = pool ?? new StringPool();
    }

    public ParseOutcome Parse(ReadOnlySpan<byte> json, RawEvent target)
    {
        target.Clear();
        _scratchUsed = 0;
        TimestampToken timestamp;
        bool studentIdIsString;
        try
        {
            if (!ReadObject(json, target, out timestamp, out studentIdIsString, out var notObject))
                return new ParseOutcome(QuarantineReason.MalformedJson, notObject);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or DecoderFallbackException or ArgumentException)
        {
            return new ParseOutcome(QuarantineReason.MalformedJson, e.Message);
        }

        if (!studentIdIsString || string.IsNullOrWhiteSpace(target.StudentId))
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

    private bool ReadObject(ReadOnlySpan<byte> json, RawEvent target, out TimestampToken timestamp, out bool studentIdIsString, out string? notObject)
    {
        timestamp = new TimestampToken(TimestampKind.Missing, 0, null);
        studentIdIsString = false;
        notObject = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            notObject = "expected a JSON object";
            return false;
        }
        _extra.Clear();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = Identify(ref reader);
            var nameStart = (int)reader.TokenStartIndex;
            reader.Read();
            switch (field)
            {
                case Field.EventId: target.EventId = ReadUnique(ref reader, json); break;
                case Field.StudentId:
                    studentIdIsString = reader.TokenType == JsonTokenType.String;
                    target.StudentId = ReadText(ref reader, json, pooled: true);
                    break;
                case Field.Timestamp: timestamp = ReadTimestamp(ref reader); break;
                case Field.EventType: target.EventType = ReadText(ref reader, json, pooled: true); break;
                case Field.PageUrl: target.PageUrl = ReadText(ref reader, json, pooled: true); break;
                case Field.ScreenName: target.ScreenName = ReadText(ref reader, json, pooled: true); break;
                case Field.Device: target.Device = ReadText(ref reader, json, pooled: true); break;
                case Field.Browser: target.Browser = ReadText(ref reader, json, pooled: true); break;
                case Field.Network: target.Network = ReadText(ref reader, json, pooled: true); break;
                case Field.CourseId: target.CourseId = ReadText(ref reader, json, pooled: true); break;
                case Field.ChapterId: target.ChapterId = ReadText(ref reader, json, pooled: true); break;
                case Field.Metadata: ReadMetadata(ref reader, json, target); break;
                default: KeepUnknown(ref reader, json, nameStart); break;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw new JsonException("unterminated object");
        // A second value after the object (or garbage) makes Read throw: the line is malformed.
        if (reader.Read()) throw new JsonException("unexpected content after the JSON object");
        if (_extra.WrittenCount > 0)
        {
            _extra.Write("}"u8);
            target.Extra = Decode(_extra.WrittenSpan);
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

    private void ReadMetadata(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, RawEvent target)
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
                    target.TimeSpentSec = reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var seconds) && double.IsFinite(seconds)
                        ? seconds
                        : null;
                else reader.Skip();
            }
        }
        else reader.Skip();
        target.Metadata = Decode(json[start..(int)reader.BytesConsumed]);
    }

    /// <summary>Scalars become text (numbers keep their JSON spelling); objects and arrays keep their JSON text.</summary>
    private string? ReadText(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, bool pooled)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return ReadString(ref reader, pooled);
            case JsonTokenType.Number:
                var number = Encoding.ASCII.GetString(reader.ValueSpan);
                return pooled ? _pool.Get(number) : number;
            case JsonTokenType.True:
                return "true";
            case JsonTokenType.False:
                return "false";
            default:
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                return StrictUtf8.GetString(json[start..(int)reader.BytesConsumed]);
        }
    }

    private string ReadString(ref Utf8JsonReader reader, bool pooled)
    {
        var maxChars = reader.ValueSpan.Length;
        if (!pooled || maxChars > PooledValueMaxChars)
            return reader.ValueIsEscaped ? reader.GetString()! : StrictUtf8.GetString(reader.ValueSpan);
        var chars = Reserve(maxChars);
        var written = reader.ValueIsEscaped
            ? reader.CopyString(chars)
            : StrictUtf8.GetChars(reader.ValueSpan, chars);
        return _pool.Get(chars[..written]);
    }

    /// <summary>A text unique to this event (its id), as a slice of the scratch buffer instead of a new string.</summary>
    private ReadOnlyMemory<char>? ReadUnique(ref Utf8JsonReader reader, ReadOnlySpan<byte> json)
    {
        if (reader.TokenType != JsonTokenType.String) return ReadText(ref reader, json, pooled: false)?.AsMemory();
        var start = _scratchUsed;
        var chars = Reserve(reader.ValueSpan.Length);
        var written = reader.ValueIsEscaped ? reader.CopyString(chars) : StrictUtf8.GetChars(reader.ValueSpan, chars);
        _scratchUsed = start + written;
        return new ReadOnlyMemory<char>(_scratch, start, written);
    }

    private ReadOnlyMemory<char> Decode(ReadOnlySpan<byte> utf8)
    {
        var start = _scratchUsed;
        var written = StrictUtf8.GetChars(utf8, Reserve(utf8.Length));
        _scratchUsed = start + written;
        return new ReadOnlyMemory<char>(_scratch, start, written);
    }

    /// <summary>Room for <paramref name="chars"/> characters after the texts of this line already in the scratch buffer.</summary>
    private Span<char> Reserve(int chars)
    {
        if (_scratchUsed + chars > _scratch.Length)
        {
            // Slices already handed out keep pointing at the old buffer, which stays as it was.
            var grown = new char[Math.Max(_scratch.Length * 2, _scratchUsed + chars)];
            _scratch.AsSpan(0, _scratchUsed).CopyTo(grown);
            _scratch = grown;
        }
        return _scratch.AsSpan(_scratchUsed, chars);
    }

    private static Field Identify(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("event_id"u8)) return Field.EventId;
        if (reader.ValueTextEquals("student_id"u8)) return Field.StudentId;
        if (reader.ValueTextEquals("timestamp"u8)) return Field.Timestamp;
        if (reader.ValueTextEquals("event_type"u8)) return Field.EventType;
        if (reader.ValueTextEquals("page_url"u8)) return Field.PageUrl;
        if (reader.ValueTextEquals("screen_name"u8)) return Field.ScreenName;
        if (reader.ValueTextEquals("device"u8)) return Field.Device;
        if (reader.ValueTextEquals("browser"u8)) return Field.Browser;
        if (reader.ValueTextEquals("network"u8)) return Field.Network;
        if (reader.ValueTextEquals("course_id"u8)) return Field.CourseId;
        if (reader.ValueTextEquals("chapter_id"u8)) return Field.ChapterId;
        if (reader.ValueTextEquals("metadata"u8)) return Field.Metadata;
        return Field.Unknown;
    }

    private enum Field { Unknown, EventId, StudentId, Timestamp, EventType, PageUrl, ScreenName, Device, Browser, Network, CourseId, ChapterId, Metadata }

    private enum TimestampKind { Missing, Invalid, Valid }

    private readonly record struct TimestampToken(TimestampKind Kind, long Micros, string? Detail);
}
