namespace Orchestrated.Server.Metadata;

public enum AlertKind { SlaMiss, TaskSlaMiss, TaskFailed, FinalSlaMiss }
