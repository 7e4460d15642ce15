namespace Orchestrated.Workflows.Runs;

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
