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

    /// <summary>Brings the schema to the latest migration; SQLite also gets WAL so the API reads while the scheduler writes.</summary>
    public static async Task MigrateAsync(this IDbContextFactory<MetadataDb> factory, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
        {
            var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
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
