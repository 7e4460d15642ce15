namespace Orchestrated.Domain.Sessions;

/// <summary>
/// One batch's texts of a column as its distinct values and one code per row (<see cref="Null"/> for null): how
/// columnar files store repeating text, and what lets a consumer run a rule once per distinct value instead of once
/// per row (see <see cref="CodeMap"/>). A reader reuses the column from batch to batch.
/// </summary>
public sealed class TextColumn(int capacity)
{
    public const int Null = -1;
    private ReadOnlyMemory<char>[] _values = new ReadOnlyMemory<char>[16];

    public int[] Codes { get; } = new int[capacity];
    public int ValueCount { get; private set; }
    public ReadOnlySpan<ReadOnlyMemory<char>> Values => _values.AsSpan(0, ValueCount);

    // The cast matters: a bare null would convert to an empty ReadOnlyMemory<char> (through char[]), not to a null.
    public ReadOnlyMemory<char>? this[int row] => Codes[row] == Null ? (ReadOnlyMemory<char>?)null : _values[Codes[row]];

    public ReadOnlyMemory<char> Value(int code) => _values[code];

    /// <summary>Forgets the values (not the codes, which the next batch overwrites).</summary>
    public void ClearValues() => ValueCount = 0;

    /// <returns>The new value's code.</returns>
    public int AddValue(ReadOnlyMemory<char> value)
    {
        if (ValueCount == _values.Length) Array.Resize(ref _values, _values.Length * 2);
        _values[ValueCount] = value;
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
            if (!codes.TryGetValue(text, out var code)) codes[text] = code = column.AddValue(text.AsMemory());
            column.Codes[i] = code;
        }
        return column;
    }
}

/// <summary>
/// Translates a <see cref="TextColumn"/>'s codes to results of a rule (a symbol id, a hashed student, a normalised
/// device), computing the rule once per distinct value of the batch. Call <see cref="Reset"/> for each new batch.
/// </summary>
public sealed class CodeMap(Func<ReadOnlyMemory<char>, int> rule)
{
    private const int Unknown = int.MinValue;
    private int[] _results = [];
    private TextColumn? _column;

    public void Reset(TextColumn column)
    {
        _column = column;
        if (_results.Length < column.ValueCount) _results = new int[Math.Max(column.ValueCount, _results.Length * 2)];
        _results.AsSpan(0, column.ValueCount).Fill(Unknown);
    }

    /// <summary>The rule's result for row <paramref name="row"/>, or <paramref name="ifNull"/> when the row is null.</summary>
    public int Of(int row, int ifNull = SymbolTable.None)
    {
        var code = _column!.Codes[row];
        if (code == TextColumn.Null) return ifNull;
        ref var result = ref _results[code];
        if (result == Unknown) result = rule(_column.Value(code));
        return result;
    }
}
