using Microsoft.EntityFrameworkCore;

namespace Orchestrated.Server.Metadata;

public sealed class SqliteMetadataDb(DbContextOptions<SqliteMetadataDb> options) : MetadataDb(options);
