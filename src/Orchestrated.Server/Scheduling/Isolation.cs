namespace Orchestrated.Server.Scheduling;

/// <summary>
/// One DAG, run or alert that cannot be handled (a stored definition that no longer loads, a row that breaks a rule)
/// must not stop the scheduler for the rest: its failure is logged, naming it, and the pass goes on. Cancellation
/// (shutdown) still stops everything.
/// </summary>
public static class Isolation
{
    /// <returns>true when <paramref name="work"/> completed.</returns>
    public static async Task<bool> RunAsync(ILogger logger, string what, Func<Task> work, CancellationToken ct)
    {
        try
        {
            await work();
            return true;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "{What} failed; the pass goes on with the rest", what);
            return false;
        }
    }
}
