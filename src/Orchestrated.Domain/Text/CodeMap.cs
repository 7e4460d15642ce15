namespace Orchestrated.Domain.Text;

/// <summary>
/// Translates a <see cref="TextColumn"/>'s codes to results of a rule, computing the rule once per distinct value of
/// the batch. Call <see cref="Reset"/> for each new batch.
/// </summary>
public sealed class CodeMap(TextRule rule)
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
        if (result == Unknown) result = rule(_column.Value(code).Span);
        return result;
    }
}
