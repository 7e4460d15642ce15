namespace Orchestrated.Server.Security;

/// <summary>Endpoint metadata: this endpoint takes bodies up to <see cref="Bytes"/> (instead of the API's limit).</summary>
public sealed record BodyLimit(long Bytes);
