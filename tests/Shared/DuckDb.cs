using DuckDB.NET.Data;

namespace Orchestrated.Testing;

/// <summary>DuckDB in memory: a second, independent Parquet reader to check what our files say to other tools.</summary>
public sealed class DuckDb : IAsyncDisposable
{
    private readonly DuckDBConnection _connection = new("Data Source=:memory:");

    public DuckDb() => _connection.Open();

    public async Task<object?> ScalarAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public async Task<List<object?[]>> RowsAsync(string sql)
    {
        await using var command = _connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Column name → DuckDB type, as DuckDB sees a Parquet file or glob.</summary>
    public async Task<Dictionary<string, string>> DescribeAsync(string parquet, bool hive = false) =>
        (await RowsAsync($"DESCRIBE SELECT * FROM read_parquet('{parquet}'{(hive ? ", hive_partitioning = true" : "")})"))
            .ToDictionary(r => (string)r[0]!, r => (string)r[1]!);

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
