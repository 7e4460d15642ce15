using Orchestrated.Server.Alerts;
using Orchestrated.Server.Dags;
using Orchestrated.Server.Metadata;
using Orchestrated.Workflows.Runs;
using Orchestrated.Workflows.Scheduling;

namespace Orchestrated.Server.Scheduling;

/// <summary>
/// The one place that decides what a failed try means for its task: up for retry after backoff, re-dispatched at
/// once (infrastructure, counted apart), or failed with an alert. Changes are added to the context, not saved.
/// </summary>
public sealed class TaskFailures(TryDispatcher dispatcher, AlertStore alerts, SchedulerOptions options, TimeProvider clock)
{
    public PendingDispatch? Apply(MetadataDb db, DagVersion dag, DagRunRecord run, TaskInstanceRecord task, FailureCause cause,
        string error)
    {
        var now = clock.GetUtcNow();
        var settings = dag.Definition.Task(task.TaskId).Settings;
        if (cause == FailureCause.Infrastructure)
        {
            task.InfrastructureRetries++;
            if (task.InfrastructureRetries <= options.MaxInfrastructureRetries)
                return dispatcher.Prepare(db, dag, run, task, TryKind.Infrastructure);
            error = $"{error} (gave up after {options.MaxInfrastructureRetries} infrastructure retries)";
        }
        else
        {
            task.FailedTries++;
            if (cause == FailureCause.Task && RetryPolicy.CanRetry(settings, task.FailedTries))
            {
                task.State = TaskState.UpForRetry;
                task.RetryAt = (now + RetryPolicy.DelayAfter(settings, task.FailedTries)).UtcDateTime;
                return null;
            }
        }
        task.State = TaskState.Failed;
        task.EndedAt = now.UtcDateTime;
        alerts.Raise(db, new AlertRecord
        {
            DedupeKey = $"task-failed:{task.Id}:{task.TryCount}",
            Kind = AlertKind.TaskFailed,
            DagId = run.DagId,
            LogicalDate = run.LogicalDate,
            TaskId = task.TaskId,
            RunId = run.Id,
            Message = $"{run.DagId}.{task.TaskId} for {run.LogicalDate:yyyy-MM-dd} failed after " +
                $"{task.TryCount} tr{(task.TryCount == 1 ? "y" : "ies")}: {error}",
        });
        return null;
    }
}
