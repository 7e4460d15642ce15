using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Orchestrated.Server.Metadata;

// Used only by `dotnet ef migrations add`: each provider's migrations are generated from its own context.

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMetadataDb>
{
    public PostgresMetadataDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresMetadataDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
