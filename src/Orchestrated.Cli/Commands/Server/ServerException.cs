namespace Orchestrated.Cli.Commands.Server;

/// <summary>A refusal from the server, with its problem details (title and every error).</summary>
public sealed class ServerException(string message) : Exception(message);
