namespace Orchestrated.Server.Metadata;

public enum BackfillState { Running, Completed, Cancelled }
