namespace Orchestrated.Server.Security;

public enum Role { Viewer, Operator }
