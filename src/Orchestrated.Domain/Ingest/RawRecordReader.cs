using System.Text.Json;
using Orchestrated.Domain.Buffers;

namespace Orchestrated.Domain.Ingest;

/// <summary>
/// Cuts a raw file into records without holding it in memory: newline-delimited JSON line by line, or, when the
/// first non-blank byte is '[', the elements of one JSON array. Blank lines are not events and are only counted.
/// A line longer than the limit is skipped to its end and reported as one record with a problem, so a 10 MB
/// line of garbage costs one quarantine row, not the step. Read errors of the underlying stream (a truncated gzip)
/// end the file with one problem record.
/// </summary>
public sealed class RawRecordReader(Stream stream, int maxRecordBytes) : IDisposable
{
    private const int InitialBuffer = 1 << 20;
    private byte[] _buffer = ArrayLoans.Rent<byte>(InitialBuffer);
    private int _start;      // first unconsumed byte
    private int _end;        // end of valid data
    private bool _eof;
    private string? _readError;
    private long _line = 1;  // line number of the byte at _start

    public long BlankLines { get; private set; }

    /// <summary>Gives the buffer back: records read before must no longer be used.</summary>
    public void Dispose() => ArrayLoans.Return(ref _buffer);

    public IEnumerable<RawRecord> Read()
    {
        SkipBom();
        var first = PeekFirstNonBlank();
        return first == (byte)'[' ? ReadArray() : ReadLines();
    }

    private IEnumerable<RawRecord> ReadLines()
    {
        while (true)
        {
            if (SkipBlankLines()) continue;
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline < 0)
            {
                if (_end - _start > maxRecordBytes)
                {
                    yield return SkipOversizedLine();
                    continue;
                }
                if (!_eof)
                {
                    Fill();
                    continue;
                }
                if (_start < _end)
                {
                    var tail = Trimmed(_start, _end - _start);
                    var line = _line;
                    _start = _end;
                    if (tail.Length > 0) yield return new RawRecord(line, tail, null);
                    else BlankLines++;
                }
                if (_readError is not null) yield return new RawRecord(_line, ReadOnlyMemory<byte>.Empty, _readError);
                yield break;
            }
            if (newline > maxRecordBytes)
            {
                // The same limit whether or not the whole line happens to sit in the buffer already.
                yield return SkipOversizedLine();
                continue;
            }
            var bytes = Trimmed(_start, newline);
            var number = _line;
            _start += newline + 1;
            _line++;
            if (bytes.Length == 0) BlankLines++;
            else yield return new RawRecord(number, bytes, null);
        }
    }

    private RawRecord SkipOversizedLine()
    {
        var line = _line;
        var preview = _buffer.AsMemory(_start, Math.Min(4096, _end - _start)).ToArray();
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start += newline + 1;
                _line++;
                break;
            }
            _start = _end;
            if (_eof) break;
            Fill();
        }
        return new RawRecord(line, preview, $"line is longer than {maxRecordBytes} bytes");
    }

    private IEnumerable<RawRecord> ReadArray()
    {
        _start += _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'[') + 1; // past the blanks before it on its line
        var expectElement = true;
        while (true)
        {
            SkipBlank();
            if (_start >= _end && _eof)
            {
                yield return new RawRecord(_line, ReadOnlyMemory<byte>.Empty, _readError ?? "JSON array is not closed");
                yield break;
            }
            var b = _buffer[_start];
            if (b == (byte)']')
            {
                _start++;
                SkipBlank();
                if (_start < _end)
                    yield return new RawRecord(_line, _buffer.AsMemory(_start, Math.Min(4096, _end - _start)).ToArray(),
                        "content after the closing ']' of the JSON array");
                yield break;
            }
            if (b == (byte)',' && !expectElement)
            {
                _start++;
                expectElement = true;
                continue;
            }
            if (!expectElement)
            {
                yield return Broken("expected ',' or ']' between array elements");
                yield break;
            }
            var (length, error) = MeasureElement();
            if (error is not null)
            {
                yield return Broken(error);
                yield break;
            }
            var line = _line;
            var element = _buffer.AsMemory(_start, length);
            CountLines(_start, length);
            _start += length;
            expectElement = false;
            yield return new RawRecord(line, element, null);
        }
    }

    /// <summary>The byte length of the JSON value at the cursor, reading more of the stream as needed.</summary>
    private (int Length, string? Error) MeasureElement()
    {
        while (true)
        {
            var result = TryMeasure(_buffer.AsSpan(_start, _end - _start), _eof);
            if (result.Length > 0 || result.Error is not null) return result;
            if (_end - _start > maxRecordBytes) return (0, $"array element is longer than {maxRecordBytes} bytes");
            if (_eof) return (0, _readError ?? "JSON array ends inside an element");
            Fill();
        }
    }

    private static (int Length, string? Error) TryMeasure(ReadOnlySpan<byte> data, bool final)
    {
        try
        {
            var reader = new Utf8JsonReader(data, final, default);
            if (!reader.Read()) return (0, null);
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                if (!reader.TrySkip()) return (0, null);
            }
            return ((int)reader.BytesConsumed, null);
        }
        catch (JsonException e)
        {
            return (0, "broken JSON array: " + e.Message);
        }
    }

    private RawRecord Broken(string error)
    {
        var preview = _buffer.AsMemory(_start, Math.Min(4096, _end - _start)).ToArray();
        return new RawRecord(_line, preview, error + " (the rest of the file is not read)");
    }

    private void CountLines(int from, int length) => _line += _buffer.AsSpan(from, length).Count((byte)'\n');

    private ReadOnlyMemory<byte> Trimmed(int from, int length)
    {
        var span = _buffer.AsSpan(from, length);
        var trimmedEnd = span.TrimEnd(" \t\r"u8).Length;
        var trimmedStart = trimmedEnd - span[..trimmedEnd].TrimStart(" \t"u8).Length;
        return _buffer.AsMemory(from + trimmedStart, trimmedEnd - trimmedStart);
    }

    private void SkipBom()
    {
        while (_end - _start < 3 && !_eof) Fill();
        if (_end - _start >= 3 && _buffer[_start] == 0xEF && _buffer[_start + 1] == 0xBB && _buffer[_start + 2] == 0xBF) _start += 3;
    }

    /// <summary>
    /// The first byte that is not blank, consuming the whole blank lines before it (counted), so a file that starts
    /// with a gigabyte of newlines costs a scan, not a gigabyte of buffer. Blank bytes without a newline count against
    /// the record limit like any line: past it, the file is read as lines and that run becomes one oversized record.
    /// </summary>
    private byte PeekFirstNonBlank()
    {
        while (true)
        {
            SkipBlankLines();
            var pending = _buffer.AsSpan(_start, _end - _start);
            var first = pending.IndexOfAnyExcept(" \t\r\n"u8);
            if (first >= 0) return pending[first];
            if (_eof) return 0;
            if (pending.Length > maxRecordBytes) return (byte)' ';
            Fill();
        }
    }

    /// <summary>
    /// Consumes the whole blank lines at the read position in one vectorised scan, counting each (a flood of blank
    /// lines costs memory bandwidth, not a loop turn per line); the leading blanks of the next line stay for it.
    /// </summary>
    /// <returns>true when it consumed any.</returns>
    private bool SkipBlankLines()
    {
        var pending = _buffer.AsSpan(_start, _end - _start);
        if (pending.IsEmpty || pending[0] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) return false; // most lines
        var blank = pending.IndexOfAnyExcept(" \t\r\n"u8);
        var lastNewline = pending[..(blank < 0 ? pending.Length : blank)].LastIndexOf((byte)'\n');
        if (lastNewline < 0) return false;
        var lines = pending[..(lastNewline + 1)].Count((byte)'\n');
        BlankLines += lines;
        _line += lines;
        _start += lastNewline + 1;
        return true;
    }

    private void SkipBlank()
    {
        while (true)
        {
            for (; _start < _end; _start++)
            {
                var b = _buffer[_start];
                if (b == (byte)'\n') _line++;
                else if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r')) return;
            }
            if (_eof) return;
            Fill();
        }
    }

    /// <summary>Moves unconsumed bytes to the front, grows the buffer when it is full, and reads more.</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) ArrayLoans.Grow(ref _buffer, _buffer.Length * 2, _end);
        try
        {
            var read = stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0) _eof = true;
            _end += read;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // Typically a truncated or corrupt gzip stream: keep what was decoded, report the rest.
            _eof = true;
            _readError = "the file cannot be read to its end: " + e.Message;
        }
    }
}
