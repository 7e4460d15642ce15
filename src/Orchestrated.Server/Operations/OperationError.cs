namespace Orchestrated.Server.Operations;

public enum OperationError { NotFound, Invalid, Conflict }
