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

/// <summary>
/// Run admission, decided on counts alone. A pool's slots are taken by its runs at work and by its waiting runs that
/// are ready to work again (what they waited for has been written): those come before any queued run, so older dates
/// finish first and a run never waits behind newer ones it does not depend on.
/// </summary>
public static class RunAdmission
{
    public static Admission Decide(bool dagPaused, bool fromBackfill, bool dateRunning, int atWork, int readyAgain, int limit)
    {
        if (dagPaused && !fromBackfill) return Admission.Paused;
        if (dateRunning) return Admission.DateBusy;
        return atWork + readyAgain < limit ? Admission.Start : Admission.NoSlot;
    }
}
