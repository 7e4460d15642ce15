namespace Orchestrated.Workflows.Runs;

/// <summary>Why a queued run starts now, or what holds it back.</summary>
public enum Admission
{
    Start,
    /// <summary>The DAG is paused: its own runs wait (a backfill's do not: someone asked for them).</summary>
    Paused,
    /// <summary>Another run of the same date is running: both would write the same partitions.</summary>
    DateBusy,
    /// <summary>Its pool (the DAG's own runs, or its backfill's) has every slot taken by runs at work or ready to work again.</summary>
    NoSlot,
}
