namespace Orchestrated.Server.Security;

/// <summary>
/// Viewers read; operators act; ingesters (a collector's key: an LMS, a mobile app backend) may only post events.
/// </summary>
public enum Role { Viewer, Operator, Ingest }
