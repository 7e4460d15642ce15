namespace Orchestrated.Workflows.Partitions;

/// <summary>A partition a task must wait for, and the run producing it.</summary>
public sealed record Blocker(string Dataset, DateOnly Date, string TaskId, long RunId)
{
    public string Describe() => $"{Dataset} {Date:yyyy-MM-dd} ({TaskId} of run {RunId})";
}
