namespace Orchestrated.Cli.Commands.Hostile;

/// <summary>
/// One hostile input for the memory benchmark: what it is, how to write it under a storage root, and what reads it
/// (the ingest step over its raw date, or a reader of a gold table).
/// </summary>
public sealed record HostileCase(string Name, string What, Func<string, Task> Write, HostileReader Reader);

public enum HostileReader { Ingest, DailyStats }
