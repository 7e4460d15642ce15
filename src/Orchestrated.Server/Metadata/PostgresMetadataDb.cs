using Microsoft.EntityFrameworkCore;

namespace Orchestrated.Server.Metadata;

public sealed class PostgresMetadataDb(DbContextOptions<PostgresMetadataDb> options) : MetadataDb(options);
