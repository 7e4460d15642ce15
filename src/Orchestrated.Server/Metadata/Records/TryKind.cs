namespace Orchestrated.Server.Metadata;

public enum TryKind { First, Retry, Infrastructure, Cleared }
