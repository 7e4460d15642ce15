using Microsoft.EntityFrameworkCore;

namespace Orchestrated.Server.Metadata;

public static class MetadataRegistration
{
    public static IServiceCollection AddMetadataDb(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(options);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextFactory<PostgresMetadataDb>(o => o.UseNpgsql(options.ConnectionString));
            services.AddSingleton<IDbContextFactory<MetadataDb>>(sp =>
                new Upcast<PostgresMetadataDb>(sp.GetRequiredService<IDbContextFactory<PostgresMetadataDb>>()));
        }
        else
        {
            services.AddDbContextFactory<SqliteMetadataDb>(o =>
                o.UseSqlite(options.ConnectionString, s => s.CommandTimeout(30)).AddInterceptors(new SqlitePragmas()));
            services.AddSingleton<IDbContextFactory<MetadataDb>>(sp =>
                new Upcast<SqliteMetadataDb>(sp.GetRequiredService<IDbContextFactory<SqliteMetadataDb>>()));
        }
        return services;
    }

    /// <summary>Any 64-bit number of our own: the PostgreSQL advisory lock that lets one process migrate at a time.</summary>
    private const long MigrationLock = 0x4f72636865737472;

    /// <summary>
    /// Brings the schema to the latest migration; SQLite also gets WAL so the API reads while the scheduler writes.
    /// Processes that start together (a server, its replicas, stream workers) on PostgreSQL take turns under an advisory
    /// lock: two migrating one fresh database at once each added the same columns, and both died.
    /// </summary>
    public static async Task MigrateAsync(this IDbContextFactory<MetadataDb> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
        {
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }
        if (db.Database.IsNpgsql())
        {
            await db.Database.OpenConnectionAsync(ct); // one connection for the lock and the migration
            try
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLock})", ct);
                await db.Database.MigrateAsync(ct);
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLock})", ct);
            }
            finally { await db.Database.CloseConnectionAsync(); }
            return;
        }
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
    }

    private sealed class Upcast<T>(IDbContextFactory<T> inner) : IDbContextFactory<MetadataDb> where T : MetadataDb
    {
        public MetadataDb CreateDbContext() => inner.CreateDbContext();
    }
}
