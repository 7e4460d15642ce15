using System.Buffers;
using System.Buffers.Text;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Unicode;

namespace Orchestrated.Domain.Events;

/// <summary>
/// The fast path of <see cref="RawEventParser"/>: one pass over the bytes of a line that is one JSON object with plain
/// (unescaped) property names, validating it as strictly as System.Text.Json does. It either accepts the line —
/// filling the event exactly as the full parser would — or declines it, and the full parser decides. It never
/// quarantines anything itself: every reason and message comes from one place. So it declines whatever is unusual
/// (escaped names, a repeated field, deep nesting, a timestamp that is not plainly valid, a missing student) instead
/// of judging it.
/// </summary>
internal ref struct EventLineScanner
{
    private const int MaxDepth = 32;
    /// <summary>Bytes a string scan stops at: the closing quote, an escape, a control character, and non-ASCII (to validate it).</summary>
    private static readonly bool[] IsStop = StopTable();
    private static readonly ReadOnlyMemory<byte> True = "true"u8.ToArray();
    private static readonly ReadOnlyMemory<byte> False = "false"u8.ToArray();

    private readonly ReadOnlyMemory<byte> _memory;
    private readonly ReadOnlySpan<byte> _s;
    private readonly LineScratch _scratch;
    private readonly ArrayBufferWriter<byte> _extra;
    private readonly KeyOrder _order;
    private int _i;

    public EventLineScanner(ReadOnlyMemory<byte> line, LineScratch scratch, ArrayBufferWriter<byte> extra, KeyOrder order)
    {
        _memory = line;
        _s = line.Span;
        _scratch = scratch;
        _extra = extra;
        _order = order;
    }

    /// <returns>true when the line is an event the full parser would accept,
    /// with <paramref name="e"/> filled as it would fill it.</returns>
    public bool TryScan(RawEvent e, long latestAllowedMicros)
    {
        SkipSpace();
        if (Peek() != '{') return false;
        _i++;
        SkipSpace();
        var seen = 0;
        var studentIsString = false;
        var timestamp = long.MinValue;
        _order.BeginLine();
        while (true)
        {
            var nameStart = _i;
            int nameEnd;
            if (_order.TryMatch(_s, _i, out var field, out var quotedLength, out var patternLength))
            {
                nameEnd = _i + quotedLength;
                _i += patternLength;
            }
            else
            {
                if (!ScanName(out var name)) return false;
                nameEnd = _i;
                SkipSpace();
                if (Peek() != ':') return false;
                _i++;
                field = EventFields.Identify(name);
            }
            _order.Record(nameStart, nameEnd, field);
            SkipSpace();
            if (field != EventField.Unknown)
            {
                var bit = 1 << (int)field;
                if ((seen & bit) != 0) return false; // the full parser lets the last one win; rare enough to leave to it
                seen |= bit;
            }
            var valueStart = _i;
            switch (field)
            {
                case EventField.EventId: if (!ScanText(out var eventId, out _)) return false; e.EventId = eventId; break;
                case EventField.StudentId: if (!ScanText(out var student, out studentIsString)) return false; e.StudentId = student; break;
                case EventField.Timestamp: if (!ScanTimestamp(out timestamp)) return false; break;
                case EventField.EventType: if (!ScanText(out var type, out _)) return false; e.EventType = type; break;
                case EventField.PageUrl: if (!ScanText(out var url, out _)) return false; e.PageUrl = url; break;
                case EventField.ScreenName: if (!ScanText(out var screen, out _)) return false; e.ScreenName = screen; break;
                case EventField.Device: if (!ScanText(out var device, out _)) return false; e.Device = device; break;
                case EventField.Browser: if (!ScanText(out var browser, out _)) return false; e.Browser = browser; break;
                case EventField.Network: if (!ScanText(out var network, out _)) return false; e.Network = network; break;
                case EventField.CourseId: if (!ScanText(out var course, out _)) return false; e.CourseId = course; break;
                case EventField.ChapterId: if (!ScanText(out var chapter, out _)) return false; e.ChapterId = chapter; break;
                case EventField.Metadata: if (!ScanMetadata(e)) return false; break;
                default:
                    if (!SkipValue(1)) return false;
                    // As the full parser keeps it: the name token with its quotes, ':', the value's own text.
                    _extra.Write(_extra.WrittenCount == 0 ? "{"u8 : ","u8);
                    _extra.Write(_s[nameStart..nameEnd]);
                    _extra.Write(":"u8);
                    _extra.Write(_s[valueStart.._i]);
                    break;
            }
            var after = AfterItem((byte)'}');
            if (after == After.End) break;
            if (after == After.Invalid) return false;
        }
        SkipSpace();
        if (_i != _s.Length) return false;
        if (!studentIsString || e.StudentId is not { } studentId || Text.Utf8Text.IsWhiteSpace(studentId.Span)) return false;
        if (timestamp == long.MinValue || timestamp > latestAllowedMicros) return false;
        e.TimestampMicros = timestamp;
        if (_extra.WrittenCount > 0)
        {
            _extra.Write("}"u8);
            e.Extra = _extra.WrittenMemory;
        }
        _order.EndLine(_s);
        return true;
    }

    private readonly byte Peek() => _i < _s.Length ? _s[_i] : (byte)0;

    private void SkipSpace()
    {
        while (_i < _s.Length && _s[_i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') _i++;
    }

    /// <summary>A property name without escapes; the cursor ends after its closing quote.</summary>
    private bool ScanName(out ReadOnlySpan<byte> name)
    {
        name = default;
        if (Peek() != '"') return false;
        var start = _i + 1;
        if (!ScanStringBody(out var end, out var escaped) || escaped) return false;
        name = _s[start..end];
        return true;
    }

    /// <summary>
    /// Moves past a string whose opening quote is at the cursor, to after its closing quote. <paramref name="end"/>
    /// is the closing quote's index. Escapes are checked as System.Text.Json's reader checks them (their form, not
    /// what they decode to); raw non-ASCII bytes must be valid UTF-8.
    /// </summary>
    private bool ScanStringBody(out int end, out bool escaped)
    {
        escaped = false;
        end = 0;
        var s = _s;
        var start = _i + 1;
        var i = start;
        var nonAscii = false;
        while (true)
        {
            i = NextStop(s, i);
            if (i >= s.Length) return false;
            var b = s[i];
            if (b == '"') break;
            if (b >= 0x80)
            {
                nonAscii = true;
                i++;
                continue;
            }
            if (b != '\\' || i + 1 >= s.Length) return false; // a raw control character, or a cut escape
            escaped = true;
            switch (s[i + 1])
            {
                case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    i += 2;
                    break;
                case (byte)'u':
                    if (i + 6 > s.Length || !IsHex4(s.Slice(i + 2, 4))) return false;
                    i += 6;
                    break;
                default:
                    return false;
            }
        }
        end = i;
        _i = i + 1;
        return !nonAscii || Utf8.IsValid(s[start..end]);
    }

    /// <summary>
    /// The index of the first byte at or after <paramref name="i"/> that a string scan stops at, or the length: sixteen
    /// bytes at a time while they last (a quote, a backslash, a control byte or a byte over 0x7F all fall outside
    /// 0x20..0x7F once 0x20 is subtracted, apart from the two that are compared for), then byte by byte.
    /// </summary>
    private static int NextStop(ReadOnlySpan<byte> s, int i)
    {
        if (Vector128.IsHardwareAccelerated)
        {
            ref var first = ref MemoryMarshal.GetReference(s);
            var quote = Vector128.Create((byte)'"');
            var backslash = Vector128.Create((byte)'\\');
            var offset = Vector128.Create((byte)0x20);
            var printable = Vector128.Create((byte)0x60);
            for (; i + Vector128<byte>.Count <= s.Length; i += Vector128<byte>.Count)
            {
                var v = Vector128.LoadUnsafe(ref first, (nuint)i);
                var stops =
                    Vector128.Equals(v, quote) | Vector128.Equals(v, backslash) | Vector128.GreaterThanOrEqual(v - offset, printable);
                if (stops != Vector128<byte>.Zero) return i + BitOperations.TrailingZeroCount(stops.ExtractMostSignificantBits());
            }
        }
        var table = IsStop;
        while (i < s.Length && !table[s[i]]) i++;
        return i;
    }

    /// <summary>A string value's text: a slice of the line, or its unescaped bytes in the scratch buffer.</summary>
    private bool ScanString(out ReadOnlyMemory<byte> value)
    {
        var start = _i + 1;
        value = default;
        if (!ScanStringBody(out var end, out var escaped)) return false;
        if (!escaped)
        {
            value = _memory[start..end];
            return true;
        }
        return Unescape(_s[start..end], out value);
    }

    private bool Unescape(ReadOnlySpan<byte> raw, out ReadOnlyMemory<byte> value)
    {
        value = default;
        var output = _scratch.Reserve(raw.Length); // unescaping never lengthens
        var o = 0;
        for (var r = 0; r < raw.Length;)
        {
            var b = raw[r];
            if (b != '\\')
            {
                output[o++] = b;
                r++;
                continue;
            }
            var kind = raw[r + 1];
            r += 2;
            switch (kind)
            {
                case (byte)'b': output[o++] = 0x08; break;
                case (byte)'f': output[o++] = 0x0C; break;
                case (byte)'n': output[o++] = 0x0A; break;
                case (byte)'r': output[o++] = 0x0D; break;
                case (byte)'t': output[o++] = 0x09; break;
                case (byte)'u':
                {
                    int codePoint = Hex4(raw.Slice(r, 4));
                    r += 4;
                    if (codePoint is >= 0xDC00 and <= 0xDFFF) return false; // a lone low surrogate
                    if (codePoint is >= 0xD800 and <= 0xDBFF)
                    {
                        if (r + 6 > raw.Length || raw[r] != '\\' || raw[r + 1] != 'u') return false;
                        var low = Hex4(raw.Slice(r + 2, 4));
                        if (low is < 0xDC00 or > 0xDFFF) return false;
                        codePoint = 0x10000 + ((codePoint - 0xD800) << 10) + (low - 0xDC00);
                        r += 6;
                    }
                    o += new Rune(codePoint).EncodeToUtf8(output[o..]);
                    break;
                }
                default: output[o++] = kind; break; // '"', '\\' and '/' stand for themselves
            }
        }
        value = _scratch.Commit(o);
        return true;
    }

    /// <summary>
    /// A text field's value as the full parser reads it: strings unescaped, numbers in their spelling, literals as words, objects and
    /// arrays as their JSON.
    /// </summary>
    private bool ScanText(out ReadOnlyMemory<byte>? value, out bool isString)
    {
        value = null;
        isString = false;
        var start = _i;
        switch (Peek())
        {
            case (byte)'"':
                isString = true;
                if (!ScanString(out var text)) return false;
                value = text;
                return true;
            case (byte)'n':
                return Literal("null"u8);
            case (byte)'t':
                value = True;
                return Literal("true"u8);
            case (byte)'f':
                value = False;
                return Literal("false"u8);
            default:
                if (!SkipValue(1)) return false;
                value = _memory[start.._i];
                return true;
        }
    }

    /// <summary>
    /// Accepts only what the full parser reads as a valid timestamp: an ISO-8601 string with a zone, or integer epoch milliseconds.
    /// </summary>
    private bool ScanTimestamp(out long micros)
    {
        micros = 0;
        var start = _i;
        if (Peek() == '"')
        {
            if (!ScanStringBody(out var end, out var escaped)) return false;
            var raw = _s[(start + 1)..end];
            if (!escaped) return EventTimestamp.TryParseIso(raw, out micros);
            // Some writers escape '+' (\u002B); the full parser refuses escaped timestamps longer than 64 bytes.
            return raw.Length <= 64 && Unescape(raw, out var text) && EventTimestamp.TryParseIso(text.Span, out micros);
        }
        if (!ScanNumber(out var integer) || !integer) return false;
        return Utf8Parser.TryParse(_s[start.._i], out long milliseconds, out var consumed) && consumed == _i - start
            && EventTimestamp.TryFromEpochMilliseconds(milliseconds, out micros);
    }

    /// <summary><c>metadata</c>: kept as its JSON text; <c>time_spent_sec</c> read from a top-level number in it.</summary>
    private bool ScanMetadata(RawEvent e)
    {
        var start = _i;
        var first = Peek();
        if (first == 'n') return Literal("null"u8);
        if (first != '{')
        {
            if (!SkipValue(1)) return false;
            e.Metadata = _memory[start.._i];
            return true;
        }
        _i++;
        SkipSpace();
        if (Peek() == '}') _i++;
        else
        {
            while (true)
            {
                if (!ScanName(out var name)) return false;
                SkipSpace();
                if (Peek() != ':') return false;
                _i++;
                SkipSpace();
                if (name.SequenceEqual("time_spent_sec"u8))
                {
                    // As Utf8JsonReader.TryGetDouble, then finite: anything else (a string, a huge number) is no time.
                    var numberStart = _i;
                    var isNumber = Peek() is (byte)'-' or >= (byte)'0' and <= (byte)'9';
                    if (!SkipValue(2)) return false;
                    var number = _s[numberStart.._i];
                    e.TimeSpentSec = isNumber && Utf8Parser.TryParse(number, out double seconds, out var consumed)
                        && consumed == number.Length && double.IsFinite(seconds)
                        ? seconds
                        : null;
                }
                else if (!SkipValue(2)) return false;
                var after = AfterItem((byte)'}');
                if (after == After.End) break;
                if (after == After.Invalid) return false;
            }
        }
        e.Metadata = _memory[start.._i];
        return true;
    }

    /// <summary>Moves past any JSON value, checking it.</summary>
    private bool SkipValue(int depth)
    {
        switch (Peek())
        {
            case (byte)'"':
                return ScanStringBody(out _, out _);
            case (byte)'{':
                return SkipContainer(depth, (byte)'}', members: true);
            case (byte)'[':
                return SkipContainer(depth, (byte)']', members: false);
            case (byte)'t':
                return Literal("true"u8);
            case (byte)'f':
                return Literal("false"u8);
            case (byte)'n':
                return Literal("null"u8);
            default:
                return ScanNumber(out _);
        }
    }

    private bool SkipContainer(int depth, byte close, bool members)
    {
        if (depth >= MaxDepth) return false;
        _i++;
        SkipSpace();
        if (Peek() == close)
        {
            _i++;
            return true;
        }
        while (true)
        {
            if (members)
            {
                if (Peek() != '"' || !ScanStringBody(out _, out _)) return false;
                SkipSpace();
                if (Peek() != ':') return false;
                _i++;
                SkipSpace();
            }
            if (!SkipValue(depth + 1)) return false;
            var after = AfterItem(close);
            if (after != After.More) return after == After.End;
        }
    }

    private enum After { More, End, Invalid }

    /// <summary>
    /// What follows a member or an element: a comma (another one comes), the closing bracket, or anything else (invalid).
    /// </summary>
    private After AfterItem(byte close)
    {
        SkipSpace();
        var next = Peek();
        _i++;
        if (next == close) return After.End;
        if (next != ',') return After.Invalid;
        SkipSpace();
        return After.More;
    }

    /// <summary>A JSON number: <c>-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?</c>. What follows is checked by the caller.</summary>
    private bool ScanNumber(out bool integer)
    {
        integer = true;
        if (Peek() == '-') _i++;
        if (Peek() == '0') _i++;
        else if (!Digits()) return false;
        if (Peek() == '.')
        {
            integer = false;
            _i++;
            if (!Digits()) return false;
        }
        if (Peek() is (byte)'e' or (byte)'E')
        {
            integer = false;
            _i++;
            if (Peek() is (byte)'+' or (byte)'-') _i++;
            if (!Digits()) return false;
        }
        return true;
    }

    private bool Digits()
    {
        var start = _i;
        while (_i < _s.Length && _s[_i] - (uint)'0' <= 9) _i++;
        return _i > start;
    }

    private bool Literal(ReadOnlySpan<byte> word)
    {
        if (!_s[_i..].StartsWith(word)) return false;
        _i += word.Length;
        return true;
    }

    private static bool IsHex4(ReadOnlySpan<byte> hex) => Hex4(hex) >= 0;

    private static int Hex4(ReadOnlySpan<byte> hex)
    {
        var value = 0;
        foreach (var c in hex)
        {
            int digit = c switch
            {
                >= (byte)'0' and <= (byte)'9' => c - '0',
                >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                _ => -1,
            };
            if (digit < 0) return -1;
            value = value << 4 | digit;
        }
        return value;
    }

    private static bool[] StopTable()
    {
        var stops = new bool[256];
        for (var b = 0; b < 256; b++) stops[b] = b < 0x20 || b >= 0x80 || b == '"' || b == '\\';
        return stops;
    }
}
