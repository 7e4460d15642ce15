namespace Orchestrated.Domain.Events;

/// <summary>
/// The property names of the lines the scanner takes, in the order they come. A feed writes its fields in one order
/// line after line, so each name is first compared byte for byte with the one expected next (with its quotes and
/// colon) instead of being scanned and identified; a field left out (the expected name is absent) is stepped over.
/// Names that were not expected are read the usual way, and a line that needed that teaches the order anew.
/// </summary>
internal sealed class KeyOrder
{
    private const int MaxNames = 32;
    private byte[][] _patterns = [];
    private EventField[] _fields = [];
    private int _next;
    private int _misses;
    private int _seen;
    private readonly (int Start, int End, EventField Field)[] _line = new (int, int, EventField)[MaxNames];

    public void BeginLine()
    {
        _next = 0;
        _misses = 0;
        _seen = 0;
    }

    /// <summary>
    /// Whether the name at <paramref name="at"/> is the expected one (or the one after it): then its field, the length of the quoted name,
    /// and of the name with its colon.
    /// </summary>
    public bool TryMatch(ReadOnlySpan<byte> line, int at, out EventField field, out int quotedLength, out int patternLength)
    {
        var rest = line[at..];
        for (var p = _next; p < _patterns.Length && p <= _next + 1; p++)
        {
            var pattern = _patterns[p];
            if (!rest.StartsWith(pattern)) continue;
            field = _fields[p];
            patternLength = pattern.Length;
            quotedLength = pattern.Length - 1;
            _next = p + 1;
            return true;
        }
        field = EventField.Unknown;
        quotedLength = patternLength = 0;
        _misses++;
        return false;
    }

    /// <summary>Notes where a name of this line was (its quotes included), to learn the order from the line if it differed.</summary>
    public void Record(int start, int end, EventField field)
    {
        if (_seen < MaxNames) _line[_seen] = (start, end, field);
        _seen++;
    }

    /// <summary>After a line the scanner took: if its names were not as expected, they become the expected order.</summary>
    public void EndLine(ReadOnlySpan<byte> line)
    {
        if (_misses == 0 || _seen > MaxNames) return;
        _patterns = new byte[_seen][];
        _fields = new EventField[_seen];
        for (var n = 0; n < _seen; n++)
        {
            var (start, end, field) = _line[n];
            _patterns[n] = [.. line[start..end], (byte)':'];
            _fields[n] = field;
        }
    }
}
