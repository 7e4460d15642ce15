namespace Orchestrated.Pipeline.Steps;

/// <summary>The step types, as the DAG definition and the CLI name them.</summary>
public static class StepNames
{
    public const string Ingest = "ingest";
    public const string Clean = "clean";
    public const string Sessionize = "sessionize";
    public const string Aggregate = "aggregate";

    public static readonly IReadOnlyList<string> InOrder = [Ingest, Clean, Sessionize, Aggregate];
}
