namespace Orchestrated.Server.Metadata;

public enum DatabaseProvider { Sqlite, Postgres }
