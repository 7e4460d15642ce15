namespace Orchestrated.Workflows.Runs;

public enum RunState
{
    /// <summary>Created, waiting for a slot under the DAG's max active runs.</summary>
    Queued,
    Running,
    Success,
    Failed,
    /// <summary>Cancelled before it finished (a cancelled backfill); its unfinished tasks are skipped.</summary>
    Cancelled,
}
