namespace Orchestrated.Workflows.Scheduling;

/// <summary>Which dates a backfill re-runs.</summary>
public enum ReprocessMode
{
    /// <summary>Only dates with no successful run (never run, or last run failed or cancelled).</summary>
    Missing,
    /// <summary>Only dates whose latest run failed.</summary>
    Failed,
    /// <summary>Every date in the range.</summary>
    All,
    /// <summary>Only dates whose outputs are stale (their inputs changed after they were written).</summary>
    Stale,
}
