using Orchestrated.Domain.Text;
using Parquet;
using Parquet.Schema;

namespace Orchestrated.Storage.Parquet;

/// <summary>
/// A zone's columns, exactly as the contract names and types them. Reading checks a file against it, so a
/// file written by something else fails with the column at fault rather than a wrong number later.
/// </summary>
public sealed class TableSchema(string table, params DataField[] fields)
{
    public string Table { get; } = table;
    public IReadOnlyList<DataField> Fields { get; } = fields;
    public ParquetSchema Parquet { get; } = new(fields);

    public IEnumerable<string> TextColumns => Fields.Where(f => f.ClrType == typeof(string)).Select(f => f.Name);

    /// <summary>The file's own fields (which carry the file's schema paths), by our names, after checking types.</summary>
    public Dictionary<string, DataField> Bind(ParquetReader reader, string location)
    {
        var inFile = reader.Schema.GetDataFields().ToDictionary(f => f.Name);
        var bound = new Dictionary<string, DataField>();
        foreach (var expected in Fields)
        {
            if (!inFile.TryGetValue(expected.Name, out var actual))
                throw new InvalidDataException($"{location}: column '{expected.Name}' of {Table} is missing.");
            var expectedType = expected.ClrType == typeof(string) ? typeof(ReadOnlyMemory<char>) : expected.ClrType;
            if (actual.ClrType != expectedType || actual.IsNullable != expected.IsNullable)
                throw new InvalidDataException(
                    $"{location}: column '{expected.Name}' is {actual.ClrType.Name}{(actual.IsNullable ? "?" : "")}, " +
                        $"expected {expectedType.Name}{(expected.IsNullable ? "?" : "")}.");
            bound[expected.Name] = actual;
        }
        return bound;
    }
}
