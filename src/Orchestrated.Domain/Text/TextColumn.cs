using System.Text;
using Orchestrated.Domain.Buffers;

namespace Orchestrated.Domain.Text;

/// <summary>
/// One batch's texts of a column as its distinct UTF-8 values and one code per row (<see cref="Null"/> for null): how
/// columnar files store repeating text, and what lets a consumer run a rule once per distinct value instead of once
/// per row (see <see cref="CodeMap"/>). A reader reuses the column from batch to batch; its codes are borrowed from
/// the shared pool until <see cref="Dispose"/>.
/// </summary>
public sealed class TextColumn(int capacity) : IDisposable
{
    public const int Null = -1;
    private ReadOnlyMemory<byte>[] _values = new ReadOnlyMemory<byte>[16];
    private int[] _codes = ArrayLoans.Rent<int>(capacity);

    /// <summary>One code per row; at least as many as the capacity.</summary>
    public int[] Codes => _codes;
    public int ValueCount { get; private set; }
    public ReadOnlySpan<ReadOnlyMemory<byte>> Values => _values.AsSpan(0, ValueCount);

    // The cast matters: a bare null would convert to an empty ReadOnlyMemory<byte> (through byte[]), not to a null.
    public ReadOnlyMemory<byte>? this[int row] => Codes[row] == Null ? (ReadOnlyMemory<byte>?)null : _values[Codes[row]];

    public ReadOnlyMemory<byte> Value(int code) => _values[code];

    /// <summary>Row <paramref name="row"/> as a string (for inspection and tests).</summary>
    public string? Text(int row) => Codes[row] == Null ? null : Encoding.UTF8.GetString(_values[Codes[row]].Span);

    public void Dispose()
    {
        ArrayLoans.Return(ref _codes);
        Array.Clear(_values, 0, ValueCount);
        ValueCount = 0;
    }

    /// <summary>Forgets the values (not the codes, which the next batch overwrites).</summary>
    public void ClearValues() => ValueCount = 0;

    /// <returns>The new value's code.</returns>
    public int AddValue(ReadOnlyMemory<byte> utf8)
    {
        if (ValueCount == _values.Length) Array.Resize(ref _values, _values.Length * 2);
        _values[ValueCount] = utf8;
        return ValueCount++;
    }

    /// <summary>A column of the given texts, each distinct one coded once (for tests and small inputs).</summary>
    public static TextColumn From(IReadOnlyList<string?> texts)
    {
        var column = new TextColumn(texts.Count);
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i];
            if (text is null)
            {
                column.Codes[i] = Null;
                continue;
            }
            if (!codes.TryGetValue(text, out var code)) codes[text] = code = column.AddValue(Encoding.UTF8.GetBytes(text));
            column.Codes[i] = code;
        }
        return column;
    }
}
