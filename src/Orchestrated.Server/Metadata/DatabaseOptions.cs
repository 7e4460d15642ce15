using Orchestrated.Execution.Configuration;

namespace Orchestrated.Server.Metadata;

/// <summary>The metadata database (section <c>Orchestrated:Database</c>): a SQLite file by default.</summary>
public sealed class DatabaseOptions : ISecretFiles
{
    public const string Section = "Orchestrated:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>
    /// For SQLite, <c>Data Source=path</c>; for PostgreSQL, an Npgsql connection string (a secret: from the environment).
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=orchestrated.db";
    /// <summary>A file holding the connection string (a Docker or Kubernetes secret); wins over <see cref="ConnectionString"/>.</summary>
    public string? ConnectionStringFile { get; set; }

    public void ReadSecretFiles() =>
        ConnectionString = SecretFile.Read(ConnectionStringFile, $"{Section}:ConnectionStringFile", ConnectionString)!;
}
