namespace Orchestrated.Workflows.Definitions;

public enum ParamKind { Duration, Boolean, Integer }
