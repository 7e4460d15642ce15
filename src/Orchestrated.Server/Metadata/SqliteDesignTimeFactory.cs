using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Orchestrated.Server.Metadata;

// Used only by `dotnet ef migrations add`: each provider's migrations are generated from its own context.

public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMetadataDb>
{
    public SqliteMetadataDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMetadataDb>().UseSqlite("Data Source=design.db").Options);
}
