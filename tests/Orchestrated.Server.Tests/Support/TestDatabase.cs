using Npgsql;
using Orchestrated.Server.Metadata;

namespace Orchestrated.Server.Tests.Support;

/// <summary>A fresh, empty metadata database per test: a SQLite file, or a database on the PostgreSQL server tests are given.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract DatabaseOptions Options { get; }

    public abstract ValueTask DisposeAsync();

    public static TestDatabase Sqlite() => new SqliteDatabase();

    public static async Task<TestDatabase> PostgresAsync()
    {
        var server = await Orchestrated.Testing.TestServices.PostgresAsync();
        var name = "orchestrated_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection)) await create.ExecuteNonQueryAsync();
        return new PostgresDatabase(server, name);
    }


    private sealed class SqliteDatabase : TestDatabase
    {
        private readonly string _folder = Directory.CreateTempSubdirectory("orchestrated-meta-").FullName;

        public override DatabaseOptions Options => new()
        {
            Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(_folder, "meta.db")};Pooling=false",
        };

        public override ValueTask DisposeAsync()
        {
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgresDatabase(string server, string name) : TestDatabase
    {
        public override DatabaseOptions Options => new()
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString,
        };

        public override async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
